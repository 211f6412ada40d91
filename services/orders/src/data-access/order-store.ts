import { trace } from '@opentelemetry/api';
import type { Pool, PoolClient } from '@tracebed/platform';
import { orderPlacedMessageId } from '../domain/message-ids';
import type { NewOrder, Order, OrderLine, OrderStore, StalePaymentRow } from '../domain/ports';
import { findOutboxMessages, type OutboxWriter } from './outbox';
import { inUnitOfWork } from './unit-of-work';

async function insertOrder(client: PoolClient, order: NewOrder, status: 'pending' | 'rejected', reason: string | null): Promise<void> {
  const traceId = trace.getActiveSpan()?.spanContext().traceId ?? null;
  await client.query(
    `INSERT INTO orders (id, status, total_cents, card_last4, rejection_reason, trace_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [order.id, status, order.totalCents, order.cardLast4, reason, traceId],
  );
  if (order.items.length > 0) {
    await client.query(
      `INSERT INTO order_items (order_id, sku, quantity, unit_price_cents)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[])`,
      [order.id, order.items.map((i) => i.sku), order.items.map((i) => i.quantity), order.items.map((i) => i.unitPriceCents)],
    );
  }
}

async function findOrder(client: Pool | PoolClient, orderId: string): Promise<Order | undefined> {
  const { rows } = await client.query<Omit<Order, 'items'>>(
    `SELECT id, status, total_cents AS "totalCents", currency, card_last4 AS "cardLast4",
            rejection_reason AS "rejectionReason", trace_id AS "traceId",
            to_json(created_at) #>> '{}' AS "createdAt", to_json(updated_at) #>> '{}' AS "updatedAt"
     FROM orders WHERE id = $1`,
    [orderId],
  );
  const order = rows[0];
  if (!order) return undefined;
  const items = await client.query<OrderLine>(
    'SELECT sku, quantity, unit_price_cents AS "unitPriceCents" FROM order_items WHERE order_id = $1 ORDER BY sku',
    [orderId],
  );
  return { ...order, items: items.rows };
}

export function createOrderStore(pool: Pool, outbox: OutboxWriter): OrderStore {
  return {
    async createPending(order, event) {
      return inUnitOfWork(pool, async (unit) => {
        await insertOrder(unit.client, order, 'pending', null);
        await outbox.enqueue(unit, event);
        return (await findOrder(unit.client, order.id))!;
      });
    },

    async createRejected(order, reason) {
      return inUnitOfWork(pool, async ({ client }) => {
        await insertOrder(client, order, 'rejected', reason);
        return (await findOrder(client, order.id))!;
      });
    },

    find: (orderId) => findOrder(pool, orderId),

    async findStalePayments(olderThanMs, limit) {
      const { rows } = await pool.query<{ id: string; payment_requests: number }>(
        `SELECT id, payment_requests FROM orders
         WHERE status = 'pending' AND updated_at < now() - make_interval(secs => $1::float8 / 1000)
         ORDER BY updated_at LIMIT $2`,
        [olderThanMs, limit],
      );
      // Each order's first payment request, as written: its payload and its trace.
      const requests = await findOutboxMessages(pool, rows.map((row) => orderPlacedMessageId(row.id)));
      return rows.flatMap((row) => {
        const request = requests.get(orderPlacedMessageId(row.id));
        if (!request) return [];
        return [{ orderId: row.id, paymentRequests: row.payment_requests, request: request.payload as StalePaymentRow['request'], traceContext: request.traceContext }];
      });
    },

    async requestPaymentAgain(orderId, event) {
      return inUnitOfWork(pool, async (unit) => {
        const updated = await unit.client.query(
          `UPDATE orders SET payment_requests = payment_requests + 1, updated_at = now() WHERE id = $1 AND status = 'pending'`,
          [orderId],
        );
        if (updated.rowCount === 0) return 'settled_meanwhile';
        await outbox.enqueue(unit, event);
        return 'requested_again';
      });
    },

    async failPayment(orderId, reason, event) {
      return inUnitOfWork(pool, async (unit) => {
        const updated = await unit.client.query(
          `UPDATE orders SET status = 'payment_failed', rejection_reason = $2, updated_at = now() WHERE id = $1 AND status = 'pending'`,
          [orderId, reason],
        );
        if (updated.rowCount === 0) return 'settled_meanwhile';
        await outbox.enqueue(unit, event);
        return 'failed';
      });
    },

    async settle(orderId, status, event) {
      return inUnitOfWork(pool, async (unit) => {
        const updated = await unit.client.query(
          `UPDATE orders SET status = $2, updated_at = now() WHERE id = $1 AND status = 'pending'`,
          [orderId, status],
        );
        if (updated.rowCount === 0) {
          const exists = await unit.client.query('SELECT 1 FROM orders WHERE id = $1', [orderId]);
          return exists.rowCount === 0 ? 'unknown_order' : 'already_settled';
        }
        await outbox.enqueue(unit, event);
        return 'settled';
      });
    },
  };
}
