import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Pool } from 'pg';
import type { DeliveryKey } from './delivery-attempts';

export interface RecordedDelivery {
  /** This delivery's number: 1 for the first. */
  attempt: number;
  /** What the previous delivery's handler threw, if it threw rather than died. */
  lastFailure: string | undefined;
}

/**
 * Counts deliveries where they survive the consumer: written before the handler runs, so a
 * message that kills its process (crash, SIGKILL, out of memory) is counted too, whatever the
 * broker counts. Rows live until the message is handled or dead-lettered.
 */
export interface DeliveryLedger {
  record(key: DeliveryKey): Promise<RecordedDelivery>;
  noteFailure(key: DeliveryKey, failure: string): Promise<void>;
  forget(key: DeliveryKey): Promise<void>;
}

const MAX_FAILURE_LENGTH = 500;

/**
 * The ledger in the service's own database (table message_deliveries, from its migrations).
 * Its statements run outside the consumer's trace: bookkeeping, not part of the order's story
 * (the pg instrumentation only records statements that have a parent span).
 */
export function createPgDeliveryLedger(pool: Pool): DeliveryLedger {
  const untraced = <T>(work: () => Promise<T>) => context.with(ROOT_CONTEXT, work);
  return {
    async record({ queue, messageId }) {
      const { rows } = await untraced(() =>
        pool.query<{ deliveries: number; last_failure: string | null }>(
          `INSERT INTO message_deliveries (queue, message_id, deliveries) VALUES ($1, $2, 1)
           ON CONFLICT (queue, message_id) DO UPDATE
             SET deliveries = message_deliveries.deliveries + 1, last_delivered_at = now()
           RETURNING deliveries, last_failure`,
          [queue, messageId],
        ),
      );
      const row = rows[0];
      if (!row) throw new Error('message_deliveries returned no row');
      return { attempt: row.deliveries, lastFailure: row.last_failure ?? undefined };
    },
    async noteFailure({ queue, messageId }, failure) {
      await untraced(() =>
        pool.query('UPDATE message_deliveries SET last_failure = $3 WHERE queue = $1 AND message_id = $2', [queue, messageId, failure.slice(0, MAX_FAILURE_LENGTH)]),
      );
    },
    async forget({ queue, messageId }) {
      await untraced(() => pool.query('DELETE FROM message_deliveries WHERE queue = $1 AND message_id = $2', [queue, messageId]));
    },
  };
}
