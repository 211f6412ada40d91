import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { processAgeMs, SERVICES, type Service } from './process-stats';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RestartOptions {
  repoRoot: string;
  stateDir: string;
  serviceUrls: Record<Service, string>;
}

async function servicesScript(repoRoot: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn('bash', [path.join(repoRoot, 'infra/native/services.sh'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`services.sh ${args.join(' ')} failed: ${stderr}`);
}

/**
 * Polls the service's /readyz; at the first ready answer, how long its process has been running.
 * Counted from the process's own start, so the start script's time is not the service's.
 */
async function readyAfterStartMs(options: RestartOptions, service: Service): Promise<number> {
  const deadline = Date.now() + 60_000;
  const pidFile = path.join(options.stateDir, 'run', `${service}.pid`);
  while (Date.now() < deadline) {
    const ready = await fetch(new URL('/readyz', options.serviceUrls[service]), { signal: AbortSignal.timeout(500) }).then((r) => r.ok).catch(() => false);
    const age = ready && existsSync(pidFile) ? processAgeMs(Number(readFileSync(pidFile, 'utf8').trim())) : undefined;
    if (age !== undefined) return age;
    await sleep(20);
  }
  throw new Error(`${service} not ready within 60 s`);
}

async function restart(options: RestartOptions, services: readonly Service[], extraEnv: Record<string, string>): Promise<Record<string, number>> {
  const env = { ...process.env, ...extraEnv };
  await servicesScript(options.repoRoot, ['stop', ...services], env);
  const starting = servicesScript(options.repoRoot, ['start', ...services], env);
  const times = await Promise.all(services.map((service) => readyAfterStartMs(options, service)));
  await starting;
  return Object.fromEntries(services.map((service, i) => [service, times[i]!]));
}

/** Restarts the four services at once with `extraEnv` (e.g. tracing off): ready times in ms. */
export async function restartTogether(options: RestartOptions, extraEnv: Record<string, string>): Promise<Record<Service, number>> {
  return (await restart(options, SERVICES, extraEnv)) as Record<Service, number>;
}

/** Restarts each service alone, the other three running: its ready time without competition. */
export async function restartEachAlone(options: RestartOptions, extraEnv: Record<string, string>): Promise<Record<Service, number>> {
  const times: Partial<Record<Service, number>> = {};
  for (const service of SERVICES) Object.assign(times, await restart(options, [service], extraEnv));
  return times as Record<Service, number>;
}
