import { describe, expect, it } from 'vitest';
import { isCloseToExtra } from './extra-time';

describe('how close an answer of extra time must be', () => {
  it('takes a reading a little under the hidden delay, and one stretched by waiting on a busy machine', () => {
    expect(isCloseToExtra(80, 120)).toBe(true);
    expect(isCloseToExtra(307, 120)).toBe(true);
    expect(isCloseToExtra(700, 700)).toBe(true);
  });

  it("refuses the wrong order of size: a fast span, another scene's delay, or a whole order summed", () => {
    expect(isCloseToExtra(5, 120)).toBe(false);
    expect(isCloseToExtra(700, 120)).toBe(false);
    expect(isCloseToExtra(120, 700)).toBe(false);
    expect(isCloseToExtra(1_300, 120)).toBe(false);
  });
});
