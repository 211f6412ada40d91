// The cart: what the learner is about to order. Pure state, so it is tested without a browser.

export interface CartLine {
  sku: string;
  name: string;
  priceCents: number;
  quantity: number;
}

/** The API takes at most this many of one product in an order (ORDER_LIMITS.quantityPerLine, which a test holds this to). */
export const MAX_QUANTITY_PER_LINE = 100;

export type Cart = readonly CartLine[];

/** One more of `product`, never beyond the stock shown or the API's per-line limit. */
export function addToCart(cart: Cart, product: { sku: string; name: string; priceCents: number; stock: number }): Cart {
  const limit = Math.min(product.stock, MAX_QUANTITY_PER_LINE);
  const existing = cart.find((line) => line.sku === product.sku);
  if (!existing) return limit > 0 ? [...cart, { sku: product.sku, name: product.name, priceCents: product.priceCents, quantity: 1 }] : cart;
  if (existing.quantity >= limit) return cart;
  return cart.map((line) => (line === existing ? { ...line, quantity: line.quantity + 1 } : line));
}

/** One fewer of `sku`; the line goes when it reaches zero. */
export function removeFromCart(cart: Cart, sku: string): Cart {
  return cart.flatMap((line) => (line.sku !== sku ? [line] : line.quantity > 1 ? [{ ...line, quantity: line.quantity - 1 }] : []));
}

export const cartTotalCents = (cart: Cart) => cart.reduce((total, line) => total + line.priceCents * line.quantity, 0);

export const cartItemCount = (cart: Cart) => cart.reduce((count, line) => count + line.quantity, 0);

export const orderItems = (cart: Cart) => cart.map(({ sku, quantity }) => ({ sku, quantity }));

const euros = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });
export const formatPrice = (cents: number) => euros.format(cents / 100);
