import { inTransaction, type Pool, type PoolClient } from '@tracebed/platform';
import type { Product, ReserveOutcome, StockStore } from '../domain/ports';
import type { ReservedLine, StockLine } from '../domain/stock-lines';

class ReservationAborted extends Error {
  constructor(readonly outcome: Exclude<ReserveOutcome, { kind: 'reserved' }>) {
    super(outcome.kind);
  }
}

async function existingReservation(client: PoolClient, orderId: string): Promise<ReservedLine[]> {
  const { rows } = await client.query<ReservedLine>(
    'SELECT sku, quantity, unit_price_cents AS "unitPriceCents" FROM reservations WHERE order_id = $1 ORDER BY sku',
    [orderId],
  );
  return rows;
}

async function reserveLines(client: PoolClient, orderId: string, lines: StockLine[]): Promise<ReservedLine[]> {
  const skus = lines.map((line) => line.sku);
  const known = await client.query<{ sku: string }>('SELECT sku FROM products WHERE sku = ANY($1)', [skus]);
  const knownSkus = new Set(known.rows.map((row) => row.sku));
  const unknown = skus.filter((sku) => !knownSkus.has(sku));
  if (unknown.length > 0) throw new ReservationAborted({ kind: 'unknown_skus', skus: unknown });

  const reserved: ReservedLine[] = [];
  const short: string[] = [];
  for (const line of lines) {
    // The conditional decrement is atomic: concurrent orders can never drive stock below zero.
    const { rows } = await client.query<{ price_cents: number }>(
      'UPDATE products SET stock = stock - $2 WHERE sku = $1 AND stock >= $2 RETURNING price_cents',
      [line.sku, line.quantity],
    );
    const row = rows[0];
    if (row) reserved.push({ ...line, unitPriceCents: row.price_cents });
    else short.push(line.sku);
  }
  if (short.length > 0) throw new ReservationAborted({ kind: 'out_of_stock', skus: short });

  await client.query(
    `INSERT INTO reservations (order_id, sku, quantity, unit_price_cents, status)
     SELECT $1, sku, quantity, unit_price_cents, 'reserved'
     FROM unnest($2::text[], $3::int[], $4::int[]) AS line(sku, quantity, unit_price_cents)`,
    [orderId, reserved.map((l) => l.sku), reserved.map((l) => l.quantity), reserved.map((l) => l.unitPriceCents)],
  );
  return reserved;
}

export function createStockStore(pool: Pool): StockStore {
  return {
    async listProducts() {
      const { rows } = await pool.query<Product>(
        'SELECT sku, name, price_cents AS "priceCents", stock FROM products ORDER BY name',
      );
      return rows;
    },

    async reserve(orderId, lines) {
      try {
        return await inTransaction(pool, async (client) => {
          // Serialises retries of the same order so a repeat returns the first reservation.
          await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [orderId]);
          const existing = await existingReservation(client, orderId);
          if (existing.length > 0) return { kind: 'reserved', lines: existing };
          return { kind: 'reserved', lines: await reserveLines(client, orderId, lines) };
        });
      } catch (error) {
        if (error instanceof ReservationAborted) return error.outcome;
        throw error;
      }
    },

    async commit(orderId) {
      const result = await pool.query(
        "UPDATE reservations SET status = 'committed', updated_at = now() WHERE order_id = $1 AND status = 'reserved'",
        [orderId],
      );
      return result.rowCount ?? 0;
    },

    async release(orderId) {
      return inTransaction(pool, async (client) => {
        const released = await client.query<{ sku: string; quantity: number }>(
          `UPDATE reservations SET status = 'released', updated_at = now()
           WHERE order_id = $1 AND status = 'reserved' RETURNING sku, quantity`,
          [orderId],
        );
        if (released.rows.length > 0) {
          await client.query(
            `UPDATE products SET stock = products.stock + line.quantity
             FROM unnest($1::text[], $2::int[]) AS line(sku, quantity) WHERE products.sku = line.sku`,
            [released.rows.map((r) => r.sku), released.rows.map((r) => r.quantity)],
          );
        }
        return released.rows.length;
      });
    },
  };
}
