import { describe, expect, it } from 'vitest';
import { attemptTimeoutMs, fullJitterDelay, nextRetryDelay } from './retry-policy';

const lowest = () => 0;
const highest = () => 0.999_999;

describe('fullJitterDelay', () => {
  it.each([
    { retry: 1, ceiling: 100 },
    { retry: 2, ceiling: 200 },
    { retry: 3, ceiling: 400 },
  ])('draws retry $retry from 0 up to $ceiling ms', ({ retry, ceiling }) => {
    expect(fullJitterDelay(retry, 100, 10_000, lowest)).toBe(0);
    expect(fullJitterDelay(retry, 100, 10_000, highest)).toBe(ceiling);
    expect(fullJitterDelay(retry, 100, 10_000, () => 0.5)).toBe(ceiling / 2);
  });

  it('never waits longer than maxMs, however many retries came before', () => {
    expect(fullJitterDelay(40, 100, 1_000, highest)).toBe(1_000);
  });

  it('spreads real draws over the whole range', () => {
    const draws = Array.from({ length: 500 }, () => fullJitterDelay(1, 100, 1_000));
    expect(Math.min(...draws)).toBeLessThan(20);
    expect(Math.max(...draws)).toBeGreaterThan(80);
    expect(draws.every((delay) => delay >= 0 && delay <= 100)).toBe(true);
  });
});

describe('nextRetryDelay', () => {
  it('retries until the attempts are used up, the first attempt included', () => {
    const options = { attempts: 3, initialMs: 100 };
    expect(nextRetryDelay(options, 1, 0, highest)).toBe(100);
    expect(nextRetryDelay(options, 2, 0, highest)).toBe(200);
    expect(nextRetryDelay(options, 3, 0, highest)).toBeUndefined();
  });

  it('never retries with a single attempt', () => {
    expect(nextRetryDelay({ attempts: 1 }, 1, 0)).toBeUndefined();
  });

  it('defaults to 100 ms at first and 1 s at most', () => {
    expect(nextRetryDelay({ attempts: 3 }, 1, 0, highest)).toBe(100);
    expect(nextRetryDelay({ attempts: 20 }, 15, 0, highest)).toBe(1_000);
  });

  it('gives up when the wait would end beyond the budget', () => {
    const options = { attempts: 3, initialMs: 100, budgetMs: 1_000 };
    expect(nextRetryDelay(options, 1, 899, highest)).toBe(100);
    expect(nextRetryDelay(options, 1, 900, highest)).toBeUndefined();
  });
});

describe('attemptTimeoutMs', () => {
  it('is the call timeout without a budget', () => {
    expect(attemptTimeoutMs(2_000, undefined, 10_000)).toBe(2_000);
    expect(attemptTimeoutMs(2_000, { attempts: 3 }, 10_000)).toBe(2_000);
  });

  it('is cut to what is left of the budget', () => {
    expect(attemptTimeoutMs(2_000, { attempts: 3, budgetMs: 4_000 }, 0)).toBe(2_000);
    expect(attemptTimeoutMs(2_000, { attempts: 3, budgetMs: 4_000 }, 2_600)).toBe(1_400);
  });
});
