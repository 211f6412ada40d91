import { describe, expect, it } from 'vitest';
import { sweepIntervalMs } from './payment-timeout-sweep';

describe('the payment timeout sweep', () => {
  it('looks every tenth of the timeout, so a lost payment is asked for again soon after it', () => {
    expect(sweepIntervalMs(15_000)).toBe(1_500);
    expect(sweepIntervalMs(8_000)).toBe(800);
  });

  it('looks at least every 2 s for long timeouts and at most every 0.5 s for short ones', () => {
    expect(sweepIntervalMs(60_000)).toBe(2_000);
    expect(sweepIntervalMs(1_000)).toBe(500);
  });
});
