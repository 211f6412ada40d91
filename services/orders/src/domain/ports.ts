import type { OrderPlaced, OrderSettled, OrderStatus } from '@tracebed/contracts';

export type { OrderStatus };

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  status: OrderStatus;
  totalCents: number;
  currency: 'EUR';
  cardLast4: string;
  rejectionReason: string | null;
  traceId: string | null;
  items: OrderLine[];
  createdAt: string;
  updatedAt: string;
}

export interface NewOrder {
  id: string;
  totalCents: number;
  cardLast4: string;
  items: OrderLine[];
}

/** An event to publish once the transaction that produced it commits. */
export interface OutboxEvent<Payload> {
  routingKey: string;
  messageId: string;
  payload: Payload;
}

export interface OrderStore {
  /** Writes the pending order and its OrderPlaced event in one transaction. */
  createPending(order: NewOrder, event: OutboxEvent<OrderPlaced>): Promise<Order>;
  createRejected(order: NewOrder, reason: string): Promise<Order>;
  find(orderId: string): Promise<Order | undefined>;
  /**
   * Moves a pending order to its final status and writes the OrderSettled event, in one
   * transaction. Returns 'settled', 'already_settled' or 'unknown_order'.
   */
  settle(orderId: string, status: 'paid' | 'payment_failed', event: OutboxEvent<OrderSettled>): Promise<'settled' | 'already_settled' | 'unknown_order'>;
  /** Pending orders whose payment was last requested more than `olderThanMs` ago. */
  findStalePayments(olderThanMs: number, limit: number): Promise<StalePaymentRow[]>;
  /** Counts another payment request and writes it to the outbox, if the order is still pending. */
  requestPaymentAgain(orderId: string, event: OutboxEvent<OrderPlaced>): Promise<'requested_again' | 'settled_meanwhile'>;
  /** Ends a still-pending order as payment_failed with a reason, and announces it. */
  failPayment(orderId: string, reason: string, event: OutboxEvent<OrderSettled>): Promise<'failed' | 'settled_meanwhile'>;
}

export interface StalePaymentRow {
  orderId: string;
  paymentRequests: number;
  request: OrderPlaced;
  /** The W3C headers stored with the first payment request: the order's own trace. */
  traceContext: Record<string, string>;
}

export interface RequestedLine {
  sku: string;
  quantity: number;
}

export interface StockReservation {
  lines: OrderLine[];
  totalCents: number;
}

export interface InventoryGateway {
  reserve(orderId: string, lines: RequestedLine[]): Promise<StockReservation>;
  release(orderId: string): Promise<void>;
}
