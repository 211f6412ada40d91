import { describe, expect, it } from 'vitest';
import { bracketOf, nextRate, searchHighestRate, type BisectionOptions } from './bisection';

const options: BisectionOptions = { startRate: 20, stepFactor: 1.5, relativeResolution: 0.05, absoluteResolution: 5, maxRate: 400, maxProbes: 12 };

/** A shop that sustains every rate up to `capacity`, recording what it was asked. */
function shopWithCapacity(capacity: number) {
  const asked: number[] = [];
  return { asked, probe: async (rate: number) => (asked.push(rate), rate <= capacity) };
}

describe('nextRate', () => {
  it('starts at the start rate when nothing is known', () => {
    expect(nextRate([], options)).toBe(20);
  });

  it('starts at the start rate when only lower rates are known to be sustained', () => {
    expect(nextRate([{ rate: 10, sustained: true }], options)).toBe(20);
  });

  it('steps up by the factor from the highest sustained rate', () => {
    expect(nextRate([{ rate: 10, sustained: true }, { rate: 100, sustained: true }], options)).toBe(150);
  });

  it('bisects between the last sustained and the first unsustained rate', () => {
    expect(nextRate([{ rate: 100, sustained: true }, { rate: 150, sustained: false }], options)).toBe(125);
  });

  it('stops when the bracket is within 5 orders/s at low rates', () => {
    expect(nextRate([{ rate: 20, sustained: true }, { rate: 25, sustained: false }], options)).toBeUndefined();
  });

  it('stops when the bracket is within 5 % at high rates', () => {
    expect(nextRate([{ rate: 200, sustained: true }, { rate: 210, sustained: false }], options)).toBeUndefined();
    expect(nextRate([{ rate: 200, sustained: true }, { rate: 212, sustained: false }], options)).toBe(206);
  });

  it('never probes above the maximum rate', () => {
    expect(nextRate([{ rate: 300, sustained: true }], options)).toBe(400);
    expect(nextRate([{ rate: 400, sustained: true }], options)).toBeUndefined();
  });

  it('bisects down from the start rate when even that is not sustained', () => {
    expect(nextRate([{ rate: 20, sustained: false }], options)).toBe(10);
  });
});

describe('bracketOf', () => {
  it('ignores a failure below a higher success, as noise at the edge', () => {
    expect(bracketOf([{ rate: 60, sustained: false }, { rate: 80, sustained: true }, { rate: 120, sustained: false }])).toEqual({ sustained: 80, unsustained: 120 });
  });
});

describe('searchHighestRate', () => {
  it('finds the capacity to within the resolution', async () => {
    const shop = shopWithCapacity(73);
    const outcome = await searchHighestRate(shop.probe, options);
    expect(outcome.bracket.sustained).toBeLessThanOrEqual(73);
    expect(outcome.bracket.unsustained).toBeGreaterThan(73);
    expect(outcome.bracket.unsustained! - outcome.bracket.sustained!).toBeLessThanOrEqual(5);
    expect(outcome.capped).toBe(false);
    expect(shop.asked.slice(0, 4)).toEqual([20, 30, 45, 68]);
  });

  it('starts from known rates without probing them again', async () => {
    const shop = shopWithCapacity(140);
    const outcome = await searchHighestRate(shop.probe, options, [{ rate: 10, sustained: true }, { rate: 100, sustained: true }]);
    expect(shop.asked[0]).toBe(150);
    expect(outcome.probes.slice(0, 2)).toEqual([{ rate: 10, sustained: true }, { rate: 100, sustained: true }]);
    expect(outcome.bracket.sustained).toBeGreaterThanOrEqual(133);
  });

  it('stops at the probe cap and says so', async () => {
    const shop = shopWithCapacity(1000);
    const outcome = await searchHighestRate(shop.probe, { ...options, maxRate: 10_000, maxProbes: 3 });
    expect(shop.asked).toEqual([20, 30, 45]);
    expect(outcome.capped).toBe(true);
    expect(outcome.bracket).toEqual({ sustained: 45, unsustained: undefined });
  });

  it('finds nothing when no rate down to the resolution is sustained', async () => {
    const outcome = await searchHighestRate(shopWithCapacity(0).probe, options);
    expect(outcome.bracket.sustained).toBeUndefined();
    expect(outcome.bracket.unsustained).toBeLessThanOrEqual(5);
  });
});
