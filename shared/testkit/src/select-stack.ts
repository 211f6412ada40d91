/** Where the tests' stack comes from. */
export type StackSource = 'running' | 'containers' | 'native';

export interface StackProbes {
  /** The gateway and Jaeger answer already (make up, compose, or endpoints given in env). */
  stackAnswers: () => Promise<boolean>;
  /** A Docker engine answers, so testcontainers can run the infrastructure. */
  dockerAnswers: () => Promise<boolean>;
  /** Set when the run must use a stack it is given and never start one. */
  externalOnly: boolean;
}

/**
 * A stack that already answers is used as it is. Otherwise the infrastructure comes from
 * containers where a Docker engine runs, and from native binaries where none does.
 */
export async function selectStackSource(probes: StackProbes): Promise<StackSource> {
  if (await probes.stackAnswers()) return 'running';
  if (probes.externalOnly) {
    throw new Error('the stack under test does not answer, and TRACEBED_EXTERNAL_STACK=1 forbids starting one');
  }
  return (await probes.dockerAnswers()) ? 'containers' : 'native';
}
