import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Logger, Pool, PoolClient, Worker } from '@tracebed/platform';
import { OUTBOX_SQL } from './outbox-sql';

/** Rows deleted per statement: short statements keep the table's locks short. */
const DELETE_BATCH = 1_000;

/**
 * Deletes the rows published more than `maxAgeMs` ago, batch by batch, and answers how many
 * went. Unpublished rows always stay, whatever their age, and so do a pending order's rows.
 */
export async function deletePublishedOutboxRows(db: Pool | PoolClient, maxAgeMs: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await db.query(OUTBOX_SQL.deletePublishedBefore, [maxAgeMs, DELETE_BATCH]);
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < DELETE_BATCH) return deleted;
  }
}

export interface OutboxRetentionOptions {
  pool: Pool;
  logger: Logger;
  /** Published rows older than this are deleted. */
  maxAgeMs: number;
  /** How often the rule runs. */
  intervalMs: number;
}

/** Applies the retention rule every `intervalMs` until stopped. */
export function createOutboxRetention(options: OutboxRetentionOptions): Worker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function sweep(): Promise<void> {
    const deleted = await deletePublishedOutboxRows(options.pool, options.maxAgeMs);
    if (deleted > 0) options.logger.info({ deleted, maxAgeMs: options.maxAgeMs }, 'outbox.published_rows_deleted');
  }

  const tick = () => {
    if (running) return;
    // Housekeeping belongs to no order's trace.
    running = context
      .with(ROOT_CONTEXT, sweep)
      .catch((error: unknown) => options.logger.warn({ err: error }, 'outbox.retention_failed'))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    start() {
      timer = setInterval(tick, options.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
