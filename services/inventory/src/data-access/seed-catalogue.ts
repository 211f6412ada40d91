import type { Pool } from '@tracebed/platform';

/**
 * The demo shop's products. Prices in euro cents. LAST-UNITS has little stock on purpose;
 * STICKERS is what the load scenarios order, so it has stock for a day of load at 10 orders/s.
 */
export const CATALOGUE = [
  { sku: 'TEE-TRACE', name: 'Trace T-shirt', priceCents: 1900, stock: 200 },
  { sku: 'MUG-SPAN', name: 'Span mug', priceCents: 1200, stock: 150 },
  { sku: 'STICKERS', name: 'Sticker pack', priceCents: 400, stock: 1_000_000 },
  { sku: 'HOODIE-W3C', name: 'Traceparent hoodie', priceCents: 4900, stock: 60 },
  { sku: 'POSTER-WATERFALL', name: 'Waterfall poster', priceCents: 1500, stock: 80 },
  { sku: 'LAST-UNITS', name: 'Limited keyboard', priceCents: 12900, stock: 3 },
] as const;

/** Adds missing products; never overwrites stock, so restarts keep what was sold. */
export async function seedCatalogue(pool: Pool): Promise<number> {
  const result = await pool.query(
    `INSERT INTO products (sku, name, price_cents, stock)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[])
     ON CONFLICT (sku) DO NOTHING`,
    [CATALOGUE.map((p) => p.sku), CATALOGUE.map((p) => p.name), CATALOGUE.map((p) => p.priceCents), CATALOGUE.map((p) => p.stock)],
  );
  return result.rowCount ?? 0;
}
