import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './checkers';

const script = path.join(repoRoot, 'infra/native/secrets.sh');
const secretsDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'checkout-')), '.tracebed', 'secrets');
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe('infra/native/secrets.sh', () => {
  it('creates each missing secret as 64 random hex digits, readable by its owner only', () => {
    const dir = secretsDir();
    execFileSync('bash', [script, dir, 'fault-admin-token', 'broker-password']);
    const [token, password] = ['fault-admin-token', 'broker-password'].map((name) => readFileSync(path.join(dir, name), 'utf8'));
    expect(token).toMatch(/^[0-9a-f]{64}\n$/);
    expect(password).toMatch(/^[0-9a-f]{64}\n$/);
    expect(token).not.toBe(password);
    expect([mode(dir), mode(path.join(dir, 'fault-admin-token'))]).toEqual(['700', '600']);
    // Only the secrets folder is private: PostgreSQL's OS user must still pass through .tracebed.
    expect(mode(path.dirname(dir))).toBe((0o777 & ~process.umask()).toString(8));
  });

  it('keeps an existing secret, so a restart does not change it', () => {
    const dir = secretsDir();
    execFileSync('bash', [script, dir, 'fault-admin-token']);
    const first = readFileSync(path.join(dir, 'fault-admin-token'), 'utf8');
    execFileSync('bash', [script, dir, 'fault-admin-token']);
    expect(readFileSync(path.join(dir, 'fault-admin-token'), 'utf8')).toBe(first);
  });

  it('gives every start the same value when several create it at once', async () => {
    const dir = secretsDir();
    const run = promisify(execFile);
    // Each start reads the value back through the path ensure_secret prints, as services.env.sh does.
    const starts = Array.from({ length: 8 }, () => run('bash', ['-c', 'source "$1"; cat "$(ensure_secret "$2" fault-admin-token)"', 'start', script, dir]));
    const values = new Set((await Promise.all(starts)).map(({ stdout }) => stdout));
    expect([...values]).toEqual([readFileSync(path.join(dir, 'fault-admin-token'), 'utf8')]);
    expect([...values][0]).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('refuses a name that is not a plain file name', () => {
    expect(() => execFileSync('bash', [script, secretsDir(), '../escape'], { stdio: 'pipe' })).toThrow(/bad secret name '..\/escape'/);
  });
});
