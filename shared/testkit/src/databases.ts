import pg from 'pg';
import type { StackEndpoints } from './endpoints';

export type ServiceDatabase = 'orders' | 'inventory' | 'payments';

/**
 * Direct access to each service's database, for arranging data (a product with a known
 * stock) and for asserting what was or was not written.
 */
export function connectDatabases(endpoints: StackEndpoints) {
  const pools = {
    orders: new pg.Pool({ connectionString: endpoints.databaseUrls.orders, max: 2 }),
    inventory: new pg.Pool({ connectionString: endpoints.databaseUrls.inventory, max: 2 }),
    payments: new pg.Pool({ connectionString: endpoints.databaseUrls.payments, max: 2 }),
  };
  // Outage tests stop PostgreSQL under these pools: idle clients then emit errors nobody awaits.
  for (const pool of Object.values(pools)) pool.on('error', () => undefined);
  return {
    async query<Row extends pg.QueryResultRow = any>(database: ServiceDatabase, text: string, params: unknown[] = []): Promise<Row[]> {
      return (await pools[database].query<Row>(text, params)).rows;
    },
    async close(): Promise<void> {
      await Promise.all(Object.values(pools).map((pool) => pool.end()));
    },
  };
}

export type Databases = ReturnType<typeof connectDatabases>;

/** A product only this test uses, so its stock is known exactly. */
export async function createTestProduct(databases: Databases, options: { stock: number; priceCents?: number }): Promise<string> {
  const sku = `TEST-${Date.now().toString(36).toUpperCase()}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  await databases.query('inventory', 'INSERT INTO products (sku, name, price_cents, stock) VALUES ($1, $2, $3, $4)', [
    sku,
    `Test product ${sku}`,
    options.priceCents ?? 1000,
    options.stock,
  ]);
  return sku;
}
