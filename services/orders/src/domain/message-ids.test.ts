import { describe, expect, it } from 'vitest';
import { orderPlacedMessageId, orderSettledMessageId } from './message-ids';

const ORDER_ID = '0b6f8c52-2f4e-4d3a-9c1b-7e5d4a3b2c1d';

describe('order message ids', () => {
  it('gives the first payment request of an order the id order-placed-<order id>', () => {
    expect(orderPlacedMessageId(ORDER_ID)).toBe(`order-placed-${ORDER_ID}`);
  });

  it('gives each payment request asked again an id of its own, numbered from 2', () => {
    expect([2, 3].map((request) => orderPlacedMessageId(ORDER_ID, request))).toEqual([`order-placed-${ORDER_ID}-2`, `order-placed-${ORDER_ID}-3`]);
  });

  it('gives an order one settlement id, order-settled-<order id>', () => {
    expect(orderSettledMessageId(ORDER_ID)).toBe(`order-settled-${ORDER_ID}`);
  });
});
