import { isFinalOrderStatus } from '@tracebed/contracts';
import type { Databases } from './databases';
import { eventually } from './eventually';

export interface AccountingScope {
  /** Orders the client was told were accepted (202). */
  acceptedOrderIds: string[];
  /** Products the test created, with the stock they started with. */
  initialStock: Record<string, number>;
}

/**
 * The books a test can check after any fault or outage; returns every violation found:
 * every accepted order is final, nothing is charged twice or charged for a failed order,
 * each product's stock plus its reserved and committed units is what it started with,
 * no reservation outlives its order, and the outbox has been drained.
 */
export async function checkAccounting(databases: Databases, scope: AccountingScope): Promise<string[]> {
  const problems: string[] = [];
  const ids = scope.acceptedOrderIds;
  const orders = await databases.query<{ id: string; status: string }>('orders', 'SELECT id, status FROM orders WHERE id = ANY($1::uuid[])', [ids]);
  const statusOf = new Map(orders.map((order) => [order.id, order.status]));
  for (const id of ids) {
    const status = statusOf.get(id);
    if (!status) problems.push(`accepted order ${id} does not exist`);
    else if (!isFinalOrderStatus(status)) problems.push(`order ${id} is still ${status}`);
  }

  const payments = await databases.query<{ order_id: string; n: number; succeeded: number }>(
    'payments',
    "SELECT order_id, count(*)::int AS n, count(*) FILTER (WHERE outcome = 'succeeded')::int AS succeeded FROM payments WHERE order_id = ANY($1::uuid[]) GROUP BY order_id",
    [ids],
  );
  for (const payment of payments) {
    if (payment.n > 1) problems.push(`order ${payment.order_id} has ${payment.n} payments`);
    if (payment.succeeded > 0 && statusOf.get(payment.order_id) !== 'paid') problems.push(`order ${payment.order_id} was charged but is ${statusOf.get(payment.order_id)}`);
  }
  const charged = new Set(payments.filter((payment) => payment.succeeded > 0).map((payment) => payment.order_id));
  for (const [id, status] of statusOf) if (status === 'paid' && !charged.has(id)) problems.push(`order ${id} is paid without a payment`);

  for (const [sku, initial] of Object.entries(scope.initialStock)) {
    const [row] = await databases.query<{ stock: number; reserved: number; committed: number }>(
      'inventory',
      `SELECT p.stock,
              coalesce(sum(r.quantity) FILTER (WHERE r.status = 'reserved'), 0)::int AS reserved,
              coalesce(sum(r.quantity) FILTER (WHERE r.status = 'committed'), 0)::int AS committed
       FROM products p LEFT JOIN reservations r ON r.sku = p.sku WHERE p.sku = $1 GROUP BY p.stock`,
      [sku],
    );
    if (!row) problems.push(`product ${sku} is missing`);
    else {
      if (row.stock < 0) problems.push(`${sku} has negative stock ${row.stock}`);
      if (row.stock + row.reserved + row.committed !== initial) {
        problems.push(`${sku}: stock ${row.stock} + reserved ${row.reserved} + committed ${row.committed} ≠ ${initial}`);
      }
    }
  }
  const lingering = await databases.query<{ order_id: string }>('inventory', "SELECT DISTINCT order_id FROM reservations WHERE status = 'reserved' AND order_id = ANY($1::uuid[])", [ids]);
  for (const { order_id } of lingering) if (statusOf.get(order_id) !== 'pending') problems.push(`order ${order_id} is ${statusOf.get(order_id)} but its stock is still reserved`);

  const [outbox] = await databases.query<{ n: number }>('orders', "SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND created_at < now() - interval '5 seconds'");
  if (outbox && outbox.n > 0) problems.push(`${outbox.n} outbox events older than 5 s are unpublished`);
  return problems;
}

/**
 * The books settle a moment after the orders do (inventory commits after orders marks an order
 * paid): polls checkAccounting until it finds nothing, and returns what it last found otherwise.
 */
export async function settledAccounting(databases: Databases, scope: AccountingScope, timeoutMs = 30_000): Promise<string[]> {
  let last: string[] = [];
  try {
    await eventually(
      async () => {
        last = await checkAccounting(databases, scope);
        return last.length === 0 ? true : undefined;
      },
      { timeoutMs, intervalMs: 500, description: 'the books to balance' },
    );
  } catch {
    // the last problems found are the answer
  }
  return last;
}
