import { describe, expect, it } from 'vitest';
import { FINAL_ORDER_STATUSES, ORDER_LIMITS } from '@tracebed/contracts';
import { TERMINAL_STATUSES } from './api';
import { MAX_QUANTITY_PER_LINE } from './cart';

// The page keeps these as literals so that its bundle needs no zod; the contracts own them.
describe("the page's copies of the shop's shapes", () => {
  it('wait for the final statuses the contracts name', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([...FINAL_ORDER_STATUSES].sort());
  });

  it('cap a cart line at the quantity the API takes', () => {
    expect(MAX_QUANTITY_PER_LINE).toBe(ORDER_LIMITS.quantityPerLine);
  });
});
