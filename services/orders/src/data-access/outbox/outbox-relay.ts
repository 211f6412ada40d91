import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { inTransaction, withSpan, type Broker, type Logger, type Pool, type PoolClient } from '@tracebed/platform';
import { OUTBOX_SQL } from './outbox-sql';

interface OutboxRow {
  id: number;
  routing_key: string;
  message_id: string;
  payload: unknown;
  trace_context: Record<string, string>;
}

export interface OutboxRelay {
  /** Publishes soon: called once a transaction that wrote an event has committed. */
  wake(): void;
  start(): void;
  /** Stops polling and waits for the batch in progress. */
  stop(): Promise<void>;
}

const BATCH_SIZE = 50;

/** Every event the outbox holds is about one order. */
function orderIdOf(payload: unknown): { 'order.id'?: string } {
  const orderId = (payload as { orderId?: unknown } | null)?.orderId;
  return typeof orderId === 'string' ? { 'order.id': orderId } : {};
}

/**
 * Publishes outbox rows in order, with publisher confirms, marking each published in the
 * transaction that locked it. Each publish runs in the trace context stored with its row, so
 * the message continues the trace of the request that produced it. Rows that fail stay for
 * the next round: delivery is at least once, and consumers are idempotent.
 */
export function createOutboxRelay(deps: { pool: Pool; broker: Broker; logger: Logger; pollIntervalMs: number }): OutboxRelay {
  let running: Promise<void> | undefined;
  let wakeAgain = false;
  let timer: NodeJS.Timeout | undefined;

  async function publishRow(client: PoolClient, row: OutboxRow): Promise<void> {
    const parent = propagation.extract(ROOT_CONTEXT, row.trace_context);
    await context.with(parent, () =>
      withSpan('outbox.relay', { ...orderIdOf(row.payload), 'messaging.message.id': row.message_id, 'messaging.destination.name': row.routing_key }, async () => {
        await deps.broker.publish(row.routing_key, row.payload, { messageId: row.message_id });
        await client.query(OUTBOX_SQL.markPublished, [row.id]);
      }),
    );
  }

  /** One batch; true when it was full and all went out, so more may be waiting. */
  async function publishBatch(): Promise<boolean> {
    return inTransaction(deps.pool, async (client) => {
      const { rows } = await client.query<OutboxRow>(OUTBOX_SQL.claimUnpublished, [BATCH_SIZE]);
      let published = 0;
      for (const row of rows) {
        try {
          await publishRow(client, row);
          published++;
        } catch (error) {
          deps.logger.warn({ err: error, outboxId: row.id, messageId: row.message_id }, 'outbox.publish_failed');
          await client.query(OUTBOX_SQL.recordFailure, [row.id, String(error)]);
          break; // keep order: the rest waits for the next round
        }
      }
      return rows.length === BATCH_SIZE && published === rows.length;
    });
  }

  async function drain(): Promise<void> {
    do {
      wakeAgain = false;
      try {
        while (await publishBatch()) {
          // a full batch went out: more may be waiting
        }
      } catch (error) {
        deps.logger.warn({ err: error }, 'outbox.drain_failed');
      }
    } while (wakeAgain);
  }

  function wake(): void {
    if (running) {
      wakeAgain = true;
      return;
    }
    // Detached from the caller's trace: a batch may carry rows of many requests, and each
    // row's publish joins its own trace (publishRow).
    running = context.with(ROOT_CONTEXT, drain).finally(() => {
      running = undefined;
    });
  }

  return {
    wake,
    start() {
      timer = setInterval(wake, deps.pollIntervalMs);
      timer.unref();
      wake();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
