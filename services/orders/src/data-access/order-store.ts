import { trace } from '@opentelemetry/api';
import { inTransaction, type Pool, type PoolClient } from '@tracebed/platform';
import type { NewOrder, Order, OrderLine, OrderStore, StalePaymentRow } from '../domain/ports';
import { writeOutboxEvent } from './outbox-writer';

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

export function createOrderStore(pool: Pool): OrderStore {
  return {
    async createPending(order, event) {
      return inTransaction(pool, async (client) => {
        await insertOrder(client, order, 'pending', null);
        await writeOutboxEvent(client, event);
        return (await findOrder(client, order.id))!;
      });
    },

    async createRejected(order, reason) {
      return inTransaction(pool, async (client) => {
        await insertOrder(client, order, 'rejected', reason);
        return (await findOrder(client, order.id))!;
      });
    },

    find: (orderId) => findOrder(pool, orderId),

    async findStalePayments(olderThanMs, limit) {
      const { rows } = await pool.query<{ id: string; payment_requests: number; payload: StalePaymentRow['request']; trace_context: Record<string, string> }>(
        `SELECT o.id, o.payment_requests, ob.payload, ob.trace_context
         FROM orders o JOIN outbox ob ON ob.message_id = 'order-placed-' || o.id
         WHERE o.status = 'pending' AND o.updated_at < now() - make_interval(secs => $1::float8 / 1000)
         ORDER BY o.updated_at LIMIT $2`,
        [olderThanMs, limit],
      );
      return rows.map((row) => ({ orderId: row.id, paymentRequests: row.payment_requests, request: row.payload, traceContext: row.trace_context }));
    },

    async requestPaymentAgain(orderId, event) {
      return inTransaction(pool, async (client) => {
        const updated = await client.query(
          `UPDATE orders SET payment_requests = payment_requests + 1, updated_at = now() WHERE id = $1 AND status = 'pending'`,
          [orderId],
        );
        if (updated.rowCount === 0) return 'settled_meanwhile';
        await writeOutboxEvent(client, event);
        return 'requested_again';
      });
    },

    async failPayment(orderId, reason, event) {
      return inTransaction(pool, async (client) => {
        const updated = await client.query(
          `UPDATE orders SET status = 'payment_failed', rejection_reason = $2, updated_at = now() WHERE id = $1 AND status = 'pending'`,
          [orderId, reason],
        );
        if (updated.rowCount === 0) return 'settled_meanwhile';
        await writeOutboxEvent(client, event);
        return 'failed';
      });
    },

    async settle(orderId, status, event) {
      return inTransaction(pool, async (client) => {
        const updated = await client.query(
          `UPDATE orders SET status = $2, updated_at = now() WHERE id = $1 AND status = 'pending'`,
          [orderId, status],
        );
        if (updated.rowCount === 0) {
          const exists = await client.query('SELECT 1 FROM orders WHERE id = $1', [orderId]);
          return exists.rowCount === 0 ? 'unknown_order' : 'already_settled';
        }
        await writeOutboxEvent(client, event);
        return 'settled';
      });
    },
  };
}
