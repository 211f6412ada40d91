import { describe, expect, it } from 'vitest';
import { selectStackSource, type StackProbes } from './select-stack';

function probes(answers: { stack: boolean; docker: boolean; externalOnly?: boolean }): StackProbes & { dockerAsked: () => boolean } {
  let dockerAsked = false;
  return {
    stackAnswers: async () => answers.stack,
    dockerAnswers: async () => {
      dockerAsked = true;
      return answers.docker;
    },
    externalOnly: answers.externalOnly ?? false,
    dockerAsked: () => dockerAsked,
  };
}

describe('choosing where the stack under test comes from', () => {
  it('uses a stack that already answers, without asking for Docker', async () => {
    const given = probes({ stack: true, docker: true });
    expect(await selectStackSource(given)).toBe('running');
    expect(given.dockerAsked()).toBe(false);
  });

  it('starts containers when nothing answers and a Docker engine does', async () => {
    expect(await selectStackSource(probes({ stack: false, docker: true }))).toBe('containers');
  });

  it('starts the native stack when neither the stack nor Docker answers', async () => {
    expect(await selectStackSource(probes({ stack: false, docker: false }))).toBe('native');
  });

  it('refuses to start anything when told to use an external stack that does not answer', async () => {
    await expect(selectStackSource(probes({ stack: false, docker: true, externalOnly: true }))).rejects.toThrow(/TRACEBED_EXTERNAL_STACK/);
  });

  it('still uses an external stack that answers', async () => {
    expect(await selectStackSource(probes({ stack: true, docker: false, externalOnly: true }))).toBe('running');
  });
});
