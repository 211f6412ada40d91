import { describe, expect, it } from 'vitest';
import { addToCart, cartItemCount, cartTotalCents, formatPrice, MAX_QUANTITY_PER_LINE, orderItems, removeFromCart, type Cart } from './cart';

const mug = { sku: 'MUG-SPAN', name: 'Span mug', priceCents: 1200, stock: 3 };
const tee = { sku: 'TEE-TRACE', name: 'Trace T-shirt', priceCents: 1900, stock: 200 };

describe('the cart', () => {
  it('adds a product as a line, then counts further adds on the same line', () => {
    const cart = addToCart(addToCart(addToCart([], mug), tee), mug);
    expect(orderItems(cart)).toEqual([
      { sku: 'MUG-SPAN', quantity: 2 },
      { sku: 'TEE-TRACE', quantity: 1 },
    ]);
    expect(cartItemCount(cart)).toBe(3);
    expect(cartTotalCents(cart)).toBe(2 * 1200 + 1900);
  });

  it('never holds more than the stock shown', () => {
    let cart: Cart = [];
    for (let i = 0; i < 5; i += 1) cart = addToCart(cart, mug);
    expect(orderItems(cart)).toEqual([{ sku: 'MUG-SPAN', quantity: 3 }]);
  });

  it('ignores a product that is sold out', () => {
    expect(addToCart([], { ...mug, stock: 0 })).toEqual([]);
  });

  it('stops at the API limit per line even when stock is larger', () => {
    let cart: Cart = [];
    for (let i = 0; i < MAX_QUANTITY_PER_LINE + 5; i += 1) cart = addToCart(cart, { ...tee, stock: 10_000 });
    expect(cartItemCount(cart)).toBe(MAX_QUANTITY_PER_LINE);
  });

  it('removes one at a time and drops the line at zero', () => {
    const cart = addToCart(addToCart([], mug), mug);
    expect(orderItems(removeFromCart(cart, 'MUG-SPAN'))).toEqual([{ sku: 'MUG-SPAN', quantity: 1 }]);
    expect(removeFromCart(removeFromCart(cart, 'MUG-SPAN'), 'MUG-SPAN')).toEqual([]);
  });

  it('formats cents as euros', () => {
    expect(formatPrice(4900)).toBe('€49.00');
  });
});
