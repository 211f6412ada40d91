import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { parseInput } from './validate';

const OrderRequest = z.object({
  cardNumber: z.string(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
});

function errorThrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('parseInput', () => {
  it('returns the parsed data, without keys the schema does not know', () => {
    const input = { cardNumber: '4242424242424242', items: [{ sku: 'MUG-01', quantity: 2 }], admin: true };

    expect(parseInput(OrderRequest, input, 'order')).toEqual({
      cardNumber: '4242424242424242',
      items: [{ sku: 'MUG-01', quantity: 2 }],
    });
  });

  it('on a mismatch throws a 400 VALIDATION_FAILED naming every bad path', () => {
    const error = errorThrownBy(() =>
      parseInput(OrderRequest, { cardNumber: 4242, items: [{ sku: 'MUG-01', quantity: 0 }, { quantity: 1 }] }, 'order'),
    );

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      details: [
        { path: 'cardNumber', message: expect.any(String) },
        { path: 'items.0.quantity', message: expect.any(String) },
        { path: 'items.1.sku', message: expect.any(String) },
      ],
    });
  });

  it('names what was parsed and the first bad path in the message', () => {
    const error = errorThrownBy(() => parseInput(OrderRequest, { cardNumber: 4242, items: [] }, 'order'));

    expect((error as AppError).message).toMatch(/^invalid order: cardNumber: \S/);
    expect((error as AppError).details?.map((detail) => detail.path)).toEqual(['cardNumber', 'items']);
  });

  it('calls a mismatch of the whole input (root)', () => {
    const error = errorThrownBy(() => parseInput(OrderRequest, 'not an object', 'order'));

    expect(error).toMatchObject({ message: expect.stringMatching(/^invalid order: \(root\): /), details: [{ path: '(root)' }] });
  });
});
