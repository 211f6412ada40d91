import { describe, expect, it } from 'vitest';
import { arrivalTimes } from './arrivals';

describe('arrivalTimes', () => {
  it('spreads a constant rate evenly', () => {
    const times = arrivalTimes([{ durationS: 2, ratePerS: 5 }]);
    expect(times).toHaveLength(10);
    expect(times.slice(0, 3)).toEqual([199, 399, 599]);
    expect(times.at(-1)).toBeLessThan(2000);
  });

  it('ramps linearly from the previous stage to the next', () => {
    const times = arrivalTimes([
      { durationS: 1, ratePerS: 0 },
      { durationS: 10, ratePerS: 10 },
    ]);
    // The integral of a ramp from 0 to 10/s over 10 s is 50.
    expect(times).toHaveLength(50);
    const firstHalf = times.filter((t) => t < 6000).length;
    expect(firstHalf).toBeLessThan(25 / 2 + 2);
  });

  it('starts nothing at a zero rate', () => {
    expect(arrivalTimes([{ durationS: 5, ratePerS: 0 }])).toEqual([]);
  });
});
