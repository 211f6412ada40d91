import { z } from 'zod';
import { OrderStatus } from '../order-statuses';

/** What one order may hold; gateway, orders and inventory all refuse more. */
export const ORDER_LIMITS = {
  /** Lines (distinct items) in one order. */
  itemsPerOrder: 50,
  /** Units of one SKU in one line. */
  quantityPerLine: 100,
  /** Characters of a card number as typed, spaces and dashes included. */
  cardNumberLength: 32,
} as const;

export const Sku = z.string().regex(/^[A-Z0-9-]{1,64}$/, 'must be 1-64 upper-case letters, digits or dashes').meta({ id: 'Sku' });
export const TraceId = z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex digits').meta({ id: 'TraceId' });

/** One line of an order as a client asks for it. */
export const OrderLine = z.strictObject({
  sku: Sku,
  quantity: z.number().int().min(1).max(ORDER_LIMITS.quantityPerLine),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const OrderLines = z
  .array(OrderLine)
  .min(1, 'must hold at least one item')
  .max(ORDER_LIMITS.itemsPerOrder, `must hold at most ${ORDER_LIMITS.itemsPerOrder} items`);

/** `POST /api/orders`: the gateway also checks the card number's digits (12-19, Luhn). */
export const PlaceOrderRequest = z.strictObject({
  items: OrderLines,
  cardNumber: z.string().max(ORDER_LIMITS.cardNumberLength).describe('12-19 digits passing the Luhn check; spaces and dashes allowed'),
});
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

/** A line of a placed order, priced when its stock was reserved; lines of one SKU are added up. */
export const PricedOrderLine = z.strictObject({
  sku: Sku,
  quantity: z.number().int().min(1).max(ORDER_LIMITS.itemsPerOrder * ORDER_LIMITS.quantityPerLine),
  unitPriceCents: z.number().int().nonnegative(),
});

// PostgreSQL writes its timestamps with an offset (+00:00), not a Z.
const Timestamp = z.iso.datetime({ offset: true }).meta({ id: 'Timestamp' });

const orderFields = {
  orderId: z.uuid(),
  status: OrderStatus,
  totalCents: z.number().int().nonnegative(),
  currency: z.literal('EUR'),
  cardLast4: z.string().regex(/^\d{4}$/),
  rejectionReason: z.string().nullable(),
  /** The trace that placed the order; null when the request was not traced. */
  traceId: TraceId.nullable(),
  /** Empty for an order rejected for short stock. */
  items: z.array(PricedOrderLine),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

/** An order as orders answers it to the gateway. */
export const OrderRecord = z.strictObject(orderFields);
export type OrderRecord = z.infer<typeof OrderRecord>;

export const OrderLinks = z.strictObject({
  self: z.string().startsWith('/api/orders/'),
  /** The order's trace in Jaeger's UI; absent when the order has no trace. */
  trace: z.url().optional(),
});

/** An order as the gateway answers it: exactly these fields. */
export const OrderView = z.strictObject({ ...orderFields, links: OrderLinks }).meta({ id: 'OrderView' });
export type OrderView = z.infer<typeof OrderView>;

export const Product = z.strictObject({
  sku: Sku,
  name: z.string(),
  priceCents: z.number().int().nonnegative(),
  stock: z.number().int().nonnegative(),
}).meta({ id: 'Product' });
export type Product = z.infer<typeof Product>;

export const ProductList = z.strictObject({ products: z.array(Product) });
export type ProductList = z.infer<typeof ProductList>;
