export interface RetryOptions {
  /** Attempts per call, the first included: 1 means no retries. */
  attempts: number;
  /** The most the first retry waits; the ceiling doubles with every retry. 100 ms if left out. */
  initialMs?: number;
  /** The most any retry waits. 1 s if left out. */
  maxMs?: number;
  /** All attempts of one call, and the waits between them, end within this. No limit if left out. */
  budgetMs?: number;
}

/**
 * Exponential backoff with full jitter: a delay drawn evenly from 0 up to
 * min(maxMs, initialMs · 2^(retry − 1)). Full jitter spreads the retries of many callers that
 * failed together the widest, so they do not come back in step.
 */
export function fullJitterDelay(retry: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, retry - 1));
  return Math.round(random() * ceiling);
}

/**
 * How long to wait before attempt `failedAttempt + 1`, or undefined when the call has used its
 * attempts or the wait would end beyond its budget.
 */
export function nextRetryDelay(options: RetryOptions, failedAttempt: number, elapsedMs: number, random: () => number = Math.random): number | undefined {
  if (failedAttempt >= options.attempts) return undefined;
  const delay = fullJitterDelay(failedAttempt, options.initialMs ?? 100, options.maxMs ?? 1_000, random);
  if (options.budgetMs !== undefined && elapsedMs + delay >= options.budgetMs) return undefined;
  return delay;
}

/** How long the next attempt may take: the call's timeout, cut to what is left of the budget. */
export function attemptTimeoutMs(timeoutMs: number, options: RetryOptions | undefined, elapsedMs: number): number {
  if (options?.budgetMs === undefined) return timeoutMs;
  return Math.max(1, Math.min(timeoutMs, Math.round(options.budgetMs - elapsedMs)));
}
