import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isDockerAvailable, startInfraContainers } from './containers';
import type { StackEndpoints } from './endpoints';
import { selectStackSource, type StackSource } from './select-stack';

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
  source: StackSource;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync('bash', [path.join(repoRoot, script), ...args], { stdio: 'inherit', cwd: repoRoot, env });
  if (result.status !== 0) throw new Error(`'${script} ${args.join(' ')}' failed (exit ${result.status}); see the logs under .tracebed/logs`);
}

async function startWithContainers(): Promise<StackHandle> {
  const infra = await startInfraContainers(repoRoot);
  if (!['localhost', '127.0.0.1'].includes(infra.host)) {
    await infra.stop();
    throw new Error(`containers run on ${infra.host}; the services under test need them on this machine's loopback`);
  }
  // The services run natively against the containers' mapped ports; test workers inherit these.
  for (const [name, port] of Object.entries(infra.ports)) process.env[name] = String(port);
  runScript('infra/native/stack.sh', ['build']);
  runScript('infra/native/services.sh', ['start']);
  return {
    source: 'containers',
    stop: async () => {
      runScript('infra/native/services.sh', ['stop']);
      await infra.stop();
    },
  };
}

/**
 * Uses the stack when it already answers (make up, make test, compose, or endpoints from the
 * environment); otherwise starts the infrastructure in containers where a Docker engine runs,
 * or natively where none does. Tests never skip for a missing dependency: either the stack is
 * there or the run fails saying why.
 */
export async function ensureStack(endpoints: StackEndpoints): Promise<StackHandle> {
  const source = await selectStackSource({
    stackAnswers: () => isStackReady(endpoints),
    dockerAnswers: isDockerAvailable,
    externalOnly: process.env.TRACEBED_EXTERNAL_STACK === '1',
  });
  // A run that exists to test one path (infra/docker/run-tests.sh tests the container path) fails
  // rather than passing on another.
  const required = process.env.TRACEBED_REQUIRE_STACK_SOURCE;
  if (required && required !== source) throw new Error(`this run must use a stack from '${required}', but '${source}' was chosen`);
  console.log(`[testkit] stack under test: ${source}`);
  if (source === 'running') return { source, stop: async () => undefined };
  if (source === 'containers') return startWithContainers();
  // No first-order probe: the tests count their own orders and traces.
  runScript('infra/native/stack.sh', ['up'], { ...process.env, TRACEBED_FIRST_ORDER: 'off' });
  if (!(await isStackReady(endpoints))) throw new Error('the native stack started but the gateway or Jaeger does not answer');
  return { source, stop: async () => runScript('infra/native/stack.sh', ['down']) };
}
