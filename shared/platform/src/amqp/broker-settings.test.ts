import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { brokerSettings, brokerUrl } from './broker-settings';

const schema = z.object(brokerSettings);

function passwordFile(content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'broker-settings-')), 'rabbitmq-payments');
  writeFileSync(file, content);
  return file;
}

describe('brokerUrl', () => {
  it("puts the password from the file into the URL of the service's user", () => {
    const config = schema.parse({ AMQP_URL: 'amqp://payments@127.0.0.1:5672', AMQP_PASSWORD_FILE: passwordFile('0123456789abcdef0123456789abcdef\n') });
    expect(brokerUrl(config)).toBe('amqp://payments:0123456789abcdef0123456789abcdef@127.0.0.1:5672');
  });

  it('keeps a URL that carries its own password when no file is given', () => {
    expect(brokerUrl(schema.parse({ AMQP_URL: 'amqp://tracebed:tracebed@rabbitmq:5672' }))).toBe('amqp://tracebed:tracebed@rabbitmq:5672');
  });

  it('refuses to start with a password file that is missing or too short, naming it', () => {
    const short = passwordFile('abc');
    expect(schema.safeParse({ AMQP_URL: 'amqp://payments@x:5672', AMQP_PASSWORD_FILE: short }).error?.issues[0]?.message).toContain(short);
    expect(schema.safeParse({ AMQP_URL: 'amqp://payments@x:5672', AMQP_PASSWORD_FILE: '/nonexistent/rabbitmq-payments' }).error?.issues[0]?.message).toMatch(/cannot read \/nonexistent\/rabbitmq-payments/);
  });
});
