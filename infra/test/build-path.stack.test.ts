import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '@tracebed/testkit';
import { repoRoot } from './checkers';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

function nativeEnvironment(service: string): Record<string, string> {
  const output = execFileSync('bash', [path.join(repoRoot, 'infra/native/services.env.sh'), service], { encoding: 'utf8' });
  return Object.fromEntries(output.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

// What the Dockerfile does, outside Docker: the same build script, then the deployed folder
// started on its own. A missing production dependency, a wrong entry point or a dev-only
// import fails here.
describe.each(['gateway', 'orders', 'inventory', 'payments'])('the production bundle of %s', (service) => {
  it('builds with the Dockerfile script, becomes ready and stops cleanly on SIGTERM', async () => {
    const output = path.join(mkdtempSync(path.join(tmpdir(), `deploy-${service}-`)), 'app');
    execFileSync('bash', [path.join(repoRoot, 'infra/docker/build-service.sh'), service, output], { stdio: 'pipe' });

    const port = await freePort();
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: output,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', ...nativeEnvironment(service), PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      await eventually(
        async () => {
          if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
          const response = await fetch(`http://127.0.0.1:${port}/readyz`);
          return response.ok ? true : undefined;
        },
        { timeoutMs: 30_000, description: `${service} from ${output} to be ready` },
      );
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code, stderr).toBe(0);
  }, 120_000);
});
