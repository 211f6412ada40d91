import type { Broker, Logger, Pool, Worker } from '@tracebed/platform';
import { createOutboxRelay, type OutboxRelay } from './outbox-relay';
import { createOutboxRetention } from './outbox-retention';
import { createOutboxWriter, type OutboxWriter } from './outbox-writer';

export { findOutboxMessages } from './outbox-reader';
export { deletePublishedOutboxRows, createOutboxRetention } from './outbox-retention';
export type { OutboxRelay, OutboxWriter };

export interface OutboxOptions {
  pool: Pool;
  broker: Broker;
  logger: Logger;
  /** How often the relay looks for rows nobody woke it for. */
  pollIntervalMs: number;
  retention: { maxAgeMs: number; intervalMs: number };
}

export interface Outbox {
  /** Enqueues in the caller's transaction and wakes the relay when it commits. */
  writer: OutboxWriter;
  relay: OutboxRelay;
  retention: Worker;
}

/** The transactional outbox: a writer, the relay that publishes what it wrote, and the rule that clears published rows. */
export function createOutbox(options: OutboxOptions): Outbox {
  const relay = createOutboxRelay(options);
  return {
    writer: createOutboxWriter(() => relay.wake()),
    relay,
    retention: createOutboxRetention({ pool: options.pool, logger: options.logger, ...options.retention }),
  };
}
