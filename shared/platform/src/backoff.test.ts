import { describe, expect, it } from 'vitest';
import { backoffDelay, retryForever } from './backoff';

/** The jitter is random, so each bound is checked over many draws. */
function delays(attempt: number, initialMs?: number, maxMs?: number): number[] {
  return Array.from({ length: 500 }, () => backoffDelay(attempt, initialMs, maxMs));
}

describe('backoffDelay', () => {
  it.each([
    { attempt: 1, low: 50, high: 100 },
    { attempt: 2, low: 100, high: 200 },
    { attempt: 4, low: 400, high: 800 },
  ])('on attempt $attempt waits between $low and $high ms', ({ attempt, low, high }) => {
    for (const delay of delays(attempt, 100, 10_000)) {
      expect(delay).toBeGreaterThanOrEqual(low);
      expect(delay).toBeLessThanOrEqual(high);
    }
  });

  it('never waits longer than maxMs, however many attempts have failed', () => {
    for (const delay of [...delays(10, 100, 1_000), ...delays(5_000, 100, 1_000)]) {
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1_000);
    }
  });

  it('treats attempt 0 like attempt 1', () => {
    for (const delay of delays(0, 100, 10_000)) {
      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThanOrEqual(100);
    }
  });

  it('defaults to 125–250 ms at first and 5–10 s at most', () => {
    expect(Math.min(...delays(1))).toBeGreaterThanOrEqual(125);
    expect(Math.max(...delays(1))).toBeLessThanOrEqual(250);
    expect(Math.min(...delays(50))).toBeGreaterThanOrEqual(5_000);
    expect(Math.max(...delays(50))).toBeLessThanOrEqual(10_000);
  });

  it('returns whole milliseconds', () => {
    expect(delays(3, 7, 1_000).every(Number.isInteger)).toBe(true);
  });
});

describe('retryForever', () => {
  it('retries a failing attempt until it succeeds and returns its value', async () => {
    let attempts = 0;
    const retries: number[] = [];

    const value = await retryForever(
      async () => {
        attempts++;
        if (attempts < 3) throw new Error(`refused #${attempts}`);
        return 'connected';
      },
      { initialMs: 1, maxMs: 2, onRetry: (_error, attempt) => retries.push(attempt) },
    );

    expect(value).toBe('connected');
    expect(attempts).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('tells onRetry the error and the delay it is about to wait', async () => {
    const seen: Array<{ message: string; delayMs: number }> = [];
    let failed = false;

    await retryForever(
      async () => {
        if (failed) return;
        failed = true;
        throw new Error('ECONNREFUSED');
      },
      { initialMs: 2, maxMs: 2, onRetry: (error, _attempt, delayMs) => seen.push({ message: (error as Error).message, delayMs }) },
    );

    expect(seen).toEqual([{ message: 'ECONNREFUSED', delayMs: expect.any(Number) }]);
    expect(seen[0]!.delayMs).toBeGreaterThanOrEqual(1);
    expect(seen[0]!.delayMs).toBeLessThanOrEqual(2);
  });

  it('stops with the last error once the signal has aborted, without another attempt', async () => {
    const controller = new AbortController();
    let attempts = 0;

    const run = retryForever(
      async () => {
        attempts++;
        if (attempts === 2) controller.abort();
        throw new Error(`refused #${attempts}`);
      },
      { initialMs: 1, maxMs: 1, signal: controller.signal },
    );

    await expect(run).rejects.toThrow('refused #2');
    expect(attempts).toBe(2);
  });

  it('stops waiting at once when the signal aborts during the back-off', async () => {
    const controller = new AbortController();
    let attempts = 0;
    const startedAt = performance.now();

    const run = retryForever(
      async () => {
        attempts++;
        throw new Error('refused');
      },
      { initialMs: 60_000, maxMs: 60_000, signal: controller.signal, onRetry: () => controller.abort() },
    );

    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempts).toBe(1);
    expect(performance.now() - startedAt).toBeLessThan(5_000);
  });
});
