import { describe, expect, it } from 'vitest';
import { createSlowQueryLimit } from './slow-query-limit';

const bounds = { atOnce: 2, budgetMs: 1_000, rememberMs: 10_000 };

describe('the limit on slow-query faults from requests', () => {
  it('lets only so many sleep at once, and frees a slot when a sleep ends', () => {
    const limit = createSlowQueryLimit(bounds);
    const first = limit.start('a', 100);
    const second = limit.start('b', 100);
    expect(limit.mayStart('c')).toBe(false);
    expect(limit.start('c', 100)).toBeUndefined();
    first?.done();
    first?.done(); // a second report frees nothing more
    expect(limit.start('c', 100)?.delayMs).toBe(100);
    expect(limit.start('d', 100)).toBeUndefined();
    expect(second).toBeDefined();
  });

  it('cuts the sleeps of one request to its budget, then refuses them, while other requests keep theirs', () => {
    const limit = createSlowQueryLimit(bounds);
    const sleeps = [600, 600, 600].map((wanted) => {
      const lease = limit.start('a', wanted);
      lease?.done();
      return lease?.delayMs;
    });
    expect(sleeps).toEqual([600, 400, undefined]);
    expect(limit.mayStart('a')).toBe(false);
    expect(limit.start('b', 900)?.delayMs).toBe(900);
  });

  it('forgets what a request spent once that is older than it remembers', () => {
    let now = 0;
    const limit = createSlowQueryLimit(bounds, () => now);
    limit.start('a', 1_000)?.done();
    expect(limit.mayStart('a')).toBe(false);
    now = 10_001;
    expect(limit.mayStart('a')).toBe(true);
  });
});
