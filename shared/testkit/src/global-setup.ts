import { stackEndpoints } from './endpoints';
import { ensureStack } from './ensure-stack';

/** Vitest global setup: the stack is up before any test file runs, and stopped after if we started it. */
export default async function setup(): Promise<() => Promise<void>> {
  const stack = await ensureStack(stackEndpoints());
  return () => stack.stop();
}
