import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Said in the failure message: what was being waited for. */
  description?: string;
}

/**
 * Polls `probe` until it returns a value that is not undefined, or fails after the deadline
 * with the last error seen. Tests wait with this, never with fixed sleeps.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, options: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${options.timeoutMs ?? 15_000} ms waiting for ${options.description ?? 'a condition'}${reason}`);
    }
    await sleep(options.intervalMs ?? 200);
  }
}
