import { describe, expect, it } from 'vitest';
import { mergeLines, totalCents } from './stock-lines';

describe('mergeLines', () => {
  it('sums the quantities of lines for the same SKU', () => {
    expect(
      mergeLines([
        { sku: 'MUG-01', quantity: 1 },
        { sku: 'TEE-02', quantity: 2 },
        { sku: 'MUG-01', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'MUG-01', quantity: 4 },
      { sku: 'TEE-02', quantity: 2 },
    ]);
  });

  it('orders the lines by SKU whatever order they came in', () => {
    const skus = mergeLines([
      { sku: 'C', quantity: 1 },
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 1 },
    ]).map((line) => line.sku);

    expect(skus).toEqual(['A', 'B', 'C']);
  });

  it('orders SKUs as plain strings, so SKU-10 comes before SKU-2', () => {
    const skus = mergeLines([
      { sku: 'SKU-2', quantity: 1 },
      { sku: 'SKU-10', quantity: 1 },
    ]).map((line) => line.sku);

    expect(skus).toEqual(['SKU-10', 'SKU-2']);
  });

  it('returns no lines for no lines', () => {
    expect(mergeLines([])).toEqual([]);
  });

  it('leaves its input untouched', () => {
    const input = [
      { sku: 'B', quantity: 1 },
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 3 },
    ];
    const before = structuredClone(input);

    const merged = mergeLines(input);
    merged[0]!.quantity = 99;

    expect(input).toEqual(before);
  });
});

describe('totalCents', () => {
  it('adds up quantity times unit price over all lines', () => {
    expect(
      totalCents([
        { sku: 'MUG-01', quantity: 2, unitPriceCents: 1_250 },
        { sku: 'TEE-02', quantity: 1, unitPriceCents: 1_999 },
      ]),
    ).toBe(4_499);
  });

  it('is zero for no lines', () => {
    expect(totalCents([])).toBe(0);
  });
});
