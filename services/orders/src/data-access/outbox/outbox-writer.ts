import { context, propagation } from '@opentelemetry/api';
import type { OutboxEvent } from '../../domain/ports';
import type { UnitOfWork } from '../unit-of-work';
import { OUTBOX_SQL } from './outbox-sql';

export interface OutboxWriter {
  /** Adds `event` to the outbox inside the caller's transaction; the relay hears of it once that commits. */
  enqueue(unit: UnitOfWork, event: OutboxEvent<unknown>): Promise<void>;
}

/**
 * Each row keeps the W3C trace headers of the active span: without them the trace would end
 * at this row. `wakeRelay` runs after the commit, so the relay never looks before the row is visible.
 */
export function createOutboxWriter(wakeRelay: () => void): OutboxWriter {
  return {
    async enqueue(unit, event) {
      const traceContext: Record<string, string> = {};
      propagation.inject(context.active(), traceContext);
      await unit.client.query(OUTBOX_SQL.enqueue, [event.routingKey, event.messageId, JSON.stringify(event.payload), JSON.stringify(traceContext)]);
      unit.afterCommit(wakeRelay);
    },
  };
}
