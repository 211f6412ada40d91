import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { SERVICES } from './process-stats';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function native(repoRoot: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn('bash', [path.join(repoRoot, 'infra/native/services.sh'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`services.sh ${args.join(' ')} failed: ${stderr}`);
}

/**
 * Restarts the four services of the native stack with `extraEnv` (e.g. tracing off) and measures
 * how long each took to answer /readyz, its dependencies (PostgreSQL, RabbitMQ, Jaeger) being up.
 */
export async function restartServices(repoRoot: string, urls: Record<string, string>, extraEnv: Record<string, string>): Promise<Record<string, number>> {
  const env = { ...process.env, ...extraEnv };
  await native(repoRoot, ['stop'], env);
  const startedAt = Date.now();
  const readyAfterMs: Record<string, number> = {};
  const starting = native(repoRoot, ['start'], env);
  await Promise.all(
    SERVICES.map(async (service) => {
      while (Date.now() - startedAt < 60_000) {
        const ready = await fetch(new URL('/readyz', urls[service]), { signal: AbortSignal.timeout(500) }).then((r) => r.ok).catch(() => false);
        if (ready) {
          readyAfterMs[service] = Date.now() - startedAt;
          return;
        }
        await sleep(20);
      }
      throw new Error(`${service} not ready within 60 s`);
    }),
  );
  await starting;
  return readyAfterMs;
}
