import { setTimeout as sleep } from 'node:timers/promises';

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  signal?: AbortSignal;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Exponential delay with "equal jitter" (between half and all of the ceiling), so restarted clients do not retry in lockstep. */
export function backoffDelay(attempt: number, initialMs = 250, maxMs = 10_000): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Retries `attempt` until it succeeds or the signal aborts; for start-up and reconnects. */
export async function retryForever<T>(attempt: () => Promise<T>, options: BackoffOptions = {}): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const delay = backoffDelay(n, options.initialMs, options.maxMs);
      options.onRetry?.(error, n, delay);
      await sleep(delay, undefined, options.signal ? { signal: options.signal } : undefined);
    }
  }
}
