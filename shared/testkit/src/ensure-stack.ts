import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { StackEndpoints } from './endpoints';

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** True when the shop and Jaeger both answer: the stack is there to test. */
export async function isStackReady(endpoints: StackEndpoints): Promise<boolean> {
  const [gateway, jaeger] = await Promise.all([
    answers(new URL('/readyz', endpoints.gatewayUrl).toString()),
    answers(new URL('/api/services', endpoints.jaegerUrl).toString()),
  ]);
  return gateway && jaeger;
}

export interface StackHandle {
  /** True when this run started the stack (and so should stop it). */
  startedHere: boolean;
  stop(): void;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function runStackVerb(verb: string): void {
  const result = spawnSync('bash', [path.join(repoRoot, 'infra/native/stack.sh'), verb], { stdio: 'inherit', cwd: repoRoot });
  if (result.status !== 0) throw new Error(`'infra/native/stack.sh ${verb}' failed (exit ${result.status}); see the logs under .tracebed/logs`);
}

/**
 * Uses the stack when it is already up (started by `make up`, `make test` or compose);
 * otherwise starts the native stack. Tests never skip for a missing dependency: either the
 * stack is there or the run fails saying why.
 */
export async function ensureStack(endpoints: StackEndpoints): Promise<StackHandle> {
  if (await isStackReady(endpoints)) return { startedHere: false, stop: () => undefined };
  if (process.env.TRACEBED_EXTERNAL_STACK === '1') {
    throw new Error(`the stack at ${endpoints.gatewayUrl} (Jaeger ${endpoints.jaegerUrl}) is not ready, and TRACEBED_EXTERNAL_STACK=1 forbids starting one`);
  }
  runStackVerb('up');
  if (!(await isStackReady(endpoints))) throw new Error('the native stack started but the gateway or Jaeger does not answer');
  return { startedHere: true, stop: () => runStackVerb('down') };
}
