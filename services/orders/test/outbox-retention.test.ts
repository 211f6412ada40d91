import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually, stackEndpoints } from '@tracebed/testkit';
import { createOutboxRetention, deletePublishedOutboxRows } from '../src/data-access/outbox';
import { createRecordingLogger } from '../src/domain/fakes/recording-logger';

// One connection, whose temporary outbox and orders tables (shaped like the real ones) hide the
// real tables from it: the rule runs on orders' PostgreSQL without touching the running shop's rows.
const pool = new pg.Pool({ connectionString: stackEndpoints().databaseUrls.orders, max: 1, idleTimeoutMillis: 0 });
const HOUR_MS = 3_600_000;

beforeAll(async () => {
  await pool.query('CREATE TEMP TABLE outbox (LIKE public.outbox INCLUDING ALL)');
  await pool.query('CREATE TEMP TABLE orders (LIKE public.orders INCLUDING ALL)');
});
beforeEach(async () => {
  await pool.query('TRUNCATE outbox, orders');
});
afterAll(() => pool.end());

/** An outbox row about `orderId`, written `age` ago and published `publishedAgo` ago (null: never). */
async function aRow(options: { orderId?: string; age?: string; publishedAgo: string | null }): Promise<string> {
  const messageId = `retention-test-${randomUUID()}`;
  const orderId = options.orderId ?? randomUUID();
  await pool.query(
    `INSERT INTO outbox (routing_key, message_id, payload, created_at, published_at)
     VALUES ('order.placed', $1, $2, now() - $3::interval, now() - $4::interval)`,
    [messageId, JSON.stringify({ orderId }), options.age ?? options.publishedAgo ?? '0 s', options.publishedAgo],
  );
  return messageId;
}

async function aPendingOrder(): Promise<string> {
  const orderId = randomUUID();
  await pool.query(`INSERT INTO orders (id, status, total_cents, card_last4) VALUES ($1, 'pending', 2500, '4242')`, [orderId]);
  return orderId;
}

async function remaining(): Promise<string[]> {
  const { rows } = await pool.query<{ message_id: string }>('SELECT message_id FROM outbox ORDER BY message_id');
  return rows.map((row) => row.message_id);
}

describe('outbox retention', () => {
  it('deletes the rows published longer ago than the retention age and keeps those published since', async () => {
    await aRow({ publishedAgo: '2 hours' });
    await aRow({ publishedAgo: '61 minutes' });
    const recent = await aRow({ publishedAgo: '59 minutes' });
    const justNow = await aRow({ publishedAgo: '1 second' });

    const deleted = await deletePublishedOutboxRows(pool, HOUR_MS);

    expect(deleted).toBe(2);
    expect(await remaining()).toEqual([recent, justNow].sort());
  });

  it('keeps a row never published, however old', async () => {
    const unpublished = await aRow({ age: '3 days', publishedAgo: null });

    await expect(deletePublishedOutboxRows(pool, HOUR_MS)).resolves.toBe(0);

    expect(await remaining()).toEqual([unpublished]);
  });

  it("keeps an old published row of an order still pending, since the payment sweep reads the order's request from it", async () => {
    const orderId = await aPendingOrder();
    const paymentRequest = await aRow({ orderId, publishedAgo: '2 hours' });
    await aRow({ publishedAgo: '2 hours' });

    await expect(deletePublishedOutboxRows(pool, HOUR_MS)).resolves.toBe(1);

    expect(await remaining()).toEqual([paymentRequest]);
  });

  it('deletes rows beyond one batch in the same run', async () => {
    await pool.query(
      `INSERT INTO outbox (routing_key, message_id, payload, published_at)
       SELECT 'order.paid', 'retention-test-' || n, jsonb_build_object('orderId', gen_random_uuid()), now() - interval '2 hours'
       FROM generate_series(1, 2500) AS n`,
    );

    await expect(deletePublishedOutboxRows(pool, HOUR_MS)).resolves.toBe(2500);

    expect(await remaining()).toEqual([]);
  });

  it('as a worker, applies the rule every interval, logs what it deleted, and stops when asked', async () => {
    const { logger, events } = createRecordingLogger();
    const kept = await aRow({ publishedAgo: '10 minutes' });
    await aRow({ publishedAgo: '2 hours' });
    const retention = createOutboxRetention({ pool, logger, maxAgeMs: HOUR_MS, intervalMs: 50 });

    retention.start();
    try {
      await eventually(async () => ((await remaining()).length === 1 ? true : undefined), { timeoutMs: 5_000, intervalMs: 50, description: 'the old published row to be deleted' });
    } finally {
      await retention.stop();
    }

    expect(await remaining()).toEqual([kept]);
    expect(events).toContainEqual({ level: 'info', event: 'outbox.published_rows_deleted', fields: { deleted: 1, maxAgeMs: HOUR_MS } });
  });

  it("finds the index it reads by in orders' schema", async () => {
    const { rows } = await pool.query("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = 'outbox_published_idx'");

    expect(rows).toEqual([{ indexdef: expect.stringContaining('(published_at) WHERE (published_at IS NOT NULL)') }]);
  });
});
