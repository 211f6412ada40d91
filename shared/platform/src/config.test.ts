import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, env, loadConfig } from './config';

const ServiceConfig = z.object({
  PORT: env.port(3000),
  DATABASE_URL: env.url(),
  LOG_LEVEL: env.logLevel(),
});

function errorThrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('loadConfig', () => {
  it('returns the parsed environment, with numbers coerced and defaults filled in', () => {
    const config = loadConfig(ServiceConfig, { PORT: '8080', DATABASE_URL: 'postgres://localhost:5432/orders' });

    expect(config).toEqual({ PORT: 8080, DATABASE_URL: 'postgres://localhost:5432/orders', LOG_LEVEL: 'info' });
  });

  it('throws a ConfigError naming every bad variable at once', () => {
    const error = errorThrownBy(() => loadConfig(ServiceConfig, { PORT: 'eighty', LOG_LEVEL: 'loud' }));

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).name).toBe('ConfigError');
    const message = (error as ConfigError).message;
    expect(message).toMatch(/^invalid configuration:\n/);
    expect(message).toMatch(/^ {2}PORT: /m);
    expect(message).toMatch(/^ {2}DATABASE_URL: /m);
    expect(message).toMatch(/^ {2}LOG_LEVEL: /m);
    expect(message.split('\n')).toHaveLength(4);
  });
});

describe('env.port', () => {
  const port = env.port(3000);

  it('coerces a string to a number', () => {
    expect(port.parse('8080')).toBe(8080);
  });

  it('falls back to its default when unset', () => {
    expect(port.parse(undefined)).toBe(3000);
  });

  it('accepts 0 and 65535, the ends of the port range', () => {
    expect(port.parse('0')).toBe(0);
    expect(port.parse('65535')).toBe(65_535);
  });

  it.each(['70000', '65536', '-1', '80.5', 'http'])('rejects %s', (value) => {
    expect(port.safeParse(value).success).toBe(false);
  });
});

describe('an empty port variable', () => {
  it('is refused instead of becoming port 0', () => {
    const schema = z.object({ PORT: env.port(8080) });
    expect(() => loadConfig(schema, { PORT: '' })).toThrow(/PORT: must be a port number/);
  });
});

describe('env building blocks', () => {
  it('reads host names as a lower-cased list, and refuses ports in it', () => {
    const schema = z.object({ ALLOWED_HOSTS: env.hostNames() });
    expect(loadConfig(schema, {}).ALLOWED_HOSTS).toEqual([]);
    expect(loadConfig(schema, { ALLOWED_HOSTS: 'Gateway, orders,,' }).ALLOWED_HOSTS).toEqual(['gateway', 'orders']);
    expect(() => loadConfig(schema, { ALLOWED_HOSTS: 'gateway:8080' })).toThrow(/ALLOWED_HOSTS: gateway:8080: must be host names without ports/);
  });

  it('reads a secret from the file it names, and names the file when it cannot', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secret-'));
    const file = path.join(dir, 'token');
    writeFileSync(file, 'a-secret-of-enough-length\n');
    const schema = z.object({ TOKEN_FILE: env.secretFile() });
    expect(loadConfig(schema, { TOKEN_FILE: file }).TOKEN_FILE).toEqual({ path: file, secret: 'a-secret-of-enough-length' });
    expect(loadConfig(schema, {}).TOKEN_FILE).toBeUndefined();
    expect(() => loadConfig(schema, { TOKEN_FILE: path.join(dir, 'missing') })).toThrow(/TOKEN_FILE: cannot read .*missing \(ENOENT\)/);
    writeFileSync(file, 'short');
    expect(() => loadConfig(schema, { TOKEN_FILE: file })).toThrow(/TOKEN_FILE: .*token must hold at least 16 characters/);
  });
});
