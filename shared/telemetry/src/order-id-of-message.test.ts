import { describe, expect, it } from 'vitest';
import { orderIdOf } from './order-id-of-message';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('the order a message is about', () => {
  it('is the orderId of its JSON body', () => {
    expect(orderIdOf(body({ orderId: '0b7c2a1e-5d6f-4a3b-9c8d-7e6f5a4b3c2d', amountCents: 500 }))).toEqual({ 'order.id': '0b7c2a1e-5d6f-4a3b-9c8d-7e6f5a4b3c2d' });
  });

  it.each([
    ['not JSON', body('{"orderId": "broken')],
    ['JSON without an orderId', body({ id: 1 })],
    ['an orderId that is not a string', body({ orderId: 42 })],
    ['a JSON array', body([{ orderId: 'x' }])],
    ['null', body('null')],
    ['an orderId longer than any id', body({ orderId: 'x'.repeat(65) })],
    ['a body too large to be ours', body({ orderId: 'x', padding: 'y'.repeat(20_000) })],
  ])('is absent for %s, without throwing', (_case, content) => {
    expect(orderIdOf(content)).toEqual({});
  });
});
