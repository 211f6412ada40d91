import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { eventually } from './eventually';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** The environment the native stack gives a service (infra/native/services.env.sh). */
export function nativeServiceEnvironment(service: string): Record<string, string> {
  const output = execFileSync('bash', [path.join(repoRoot, 'infra/native/services.env.sh'), service], { encoding: 'utf8' });
  return Object.fromEntries(output.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** Its fault admin API, on a port of its own. */
  adminUrl: string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stderr: () => string;
}

/**
 * Starts one more instance of a service next to the stack, on free ports, with the native
 * stack's environment changed by `overrides` (undefined removes a variable). By default it runs
 * the workspace build; `appDirectory` runs a deployed bundle instead.
 */
export async function startServiceProcess(
  service: string,
  overrides: Record<string, string | undefined> = {},
  options: { appDirectory?: string; waitForReady?: boolean } = {},
): Promise<ServiceProcess> {
  const env: Record<string, string> = { ...nativeServiceEnvironment(service), PORT: String(await freePort()), ADMIN_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const appDirectory = options.appDirectory ?? path.join(repoRoot, 'services', service);
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: appDirectory, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const url = `http://127.0.0.1:${env.PORT}`;
  const adminUrl = `http://127.0.0.1:${env.ADMIN_PORT}`;
  if (options.waitForReady ?? true) {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}: ${stderr}`);
        return (await fetch(`${url}/readyz`)).ok ? true : undefined;
      },
      { timeoutMs: 30_000, description: `${service} on ${url} to be ready` },
    );
  }
  return { child, url, adminUrl, exited, stderr: () => stderr };
}
