import type { OrderPlaced, OrderSettled } from '@tracebed/contracts';
import { orderPlacedMessageId } from '../message-ids';
import type { NewOrder, Order, OrderStatus, OrderStore, OutboxEvent, StalePaymentRow } from '../ports';

/**
 * The OrderStore the domain's unit tests run on. It keeps the rules the SQL store keeps: an
 * order and its outbox event are written together or not at all, and only a pending order
 * settles. Tests read `orders` and `outbox` to see what was saved and what will be published.
 * Not for production: it forgets everything when the process ends.
 */
export interface InMemoryOrderStore extends OrderStore {
  readonly orders: Map<string, Order>;
  readonly outbox: OutboxEvent<OrderPlaced | OrderSettled>[];
  /** Payment requests per order, counted the way the timeout sweep reads them. */
  readonly paymentRequests: Map<string, number>;
  /** Puts an order in the store as if an earlier request had saved it. */
  put(order: Order): void;
  /** The next call to `operation` rejects with `error` and changes nothing. */
  failNext(operation: keyof OrderStore, error: Error): void;
  /** The next createPending commits, then rejects with `error`: a connection lost on COMMIT's answer. */
  loseCommitAnswerNext(error: Error): void;
}

export function createInMemoryOrderStore(): InMemoryOrderStore {
  const orders = new Map<string, Order>();
  const outbox: OutboxEvent<OrderPlaced | OrderSettled>[] = [];
  const paymentRequests = new Map<string, number>();
  const failures = new Map<keyof OrderStore, Error>();
  let lostCommitAnswer: Error | undefined;

  function throwIfBroken(operation: keyof OrderStore): void {
    const error = failures.get(operation);
    if (!error) return;
    failures.delete(operation);
    throw error;
  }

  function insert(order: NewOrder, status: OrderStatus, reason: string | null): Order {
    if (orders.has(order.id)) throw new Error(`duplicate key: order ${order.id} exists`);
    const now = new Date().toISOString();
    const stored: Order = { ...order, items: [...order.items], status, currency: 'EUR', rejectionReason: reason, traceId: null, createdAt: now, updatedAt: now };
    orders.set(order.id, stored);
    return structuredClone(stored);
  }

  function update(orderId: string, changes: Partial<Order>): void {
    const order = orders.get(orderId)!;
    orders.set(orderId, { ...order, ...changes, updatedAt: new Date().toISOString() });
  }

  const isPending = (orderId: string) => orders.get(orderId)?.status === 'pending';

  return {
    orders,
    outbox,
    paymentRequests,
    put: (order) => void orders.set(order.id, structuredClone(order)),
    failNext: (operation, error) => void failures.set(operation, error),
    loseCommitAnswerNext: (error) => void (lostCommitAnswer = error),

    async createPending(order, event) {
      throwIfBroken('createPending');
      const stored = insert(order, 'pending', null);
      paymentRequests.set(order.id, 1);
      outbox.push(event);
      if (lostCommitAnswer) {
        const error = lostCommitAnswer;
        lostCommitAnswer = undefined;
        throw error;
      }
      return stored;
    },

    async createRejected(order, reason) {
      throwIfBroken('createRejected');
      return insert(order, 'rejected', reason);
    },

    async find(orderId) {
      throwIfBroken('find');
      const order = orders.get(orderId);
      return order && structuredClone(order);
    },

    async settle(orderId, status, event) {
      throwIfBroken('settle');
      if (!orders.has(orderId)) return 'unknown_order';
      if (!isPending(orderId)) return 'already_settled';
      update(orderId, { status });
      outbox.push(event);
      return 'settled';
    },

    async findStalePayments(olderThanMs, limit) {
      throwIfBroken('findStalePayments');
      const cutoff = Date.now() - olderThanMs;
      const rows: StalePaymentRow[] = [];
      for (const order of orders.values()) {
        const request = outbox.find((event) => event.messageId === orderPlacedMessageId(order.id))?.payload as OrderPlaced | undefined;
        if (order.status !== 'pending' || Date.parse(order.updatedAt) >= cutoff || !request) continue;
        rows.push({ orderId: order.id, paymentRequests: paymentRequests.get(order.id) ?? 1, request, traceContext: {} });
      }
      return rows.slice(0, limit);
    },

    async requestPaymentAgain(orderId, event) {
      throwIfBroken('requestPaymentAgain');
      if (!isPending(orderId)) return 'settled_meanwhile';
      paymentRequests.set(orderId, (paymentRequests.get(orderId) ?? 1) + 1);
      update(orderId, {});
      outbox.push(event);
      return 'requested_again';
    },

    async failPayment(orderId, reason, event) {
      throwIfBroken('failPayment');
      if (!isPending(orderId)) return 'settled_meanwhile';
      update(orderId, { status: 'payment_failed', rejectionReason: reason });
      outbox.push(event);
      return 'failed';
    },
  };
}

let sequence = 0;

/** A stored order with sensible values; `overrides` sets what a test cares about. */
export function anOrder(overrides: Partial<Order> = {}): Order {
  sequence += 1;
  const id = overrides.id ?? `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  return {
    id,
    status: 'pending',
    totalCents: 2_500,
    currency: 'EUR',
    cardLast4: '4242',
    rejectionReason: null,
    traceId: null,
    items: [{ sku: 'MUG-SPAN', quantity: 1, unitPriceCents: 2_500 }],
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}
