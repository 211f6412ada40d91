import { context, propagation } from '@opentelemetry/api';
import type { PoolClient } from '@tracebed/platform';
import type { OutboxEvent } from '../domain/ports';

/**
 * Adds an event to the outbox inside the caller's transaction, with the W3C trace
 * headers of the active span: without them the trace would end at this row.
 */
export async function writeOutboxEvent(client: PoolClient, event: OutboxEvent<unknown>): Promise<void> {
  const traceContext: Record<string, string> = {};
  propagation.inject(context.active(), traceContext);
  await client.query(
    'INSERT INTO outbox (routing_key, message_id, payload, trace_context) VALUES ($1, $2, $3, $4) ON CONFLICT (message_id) DO NOTHING',
    [event.routingKey, event.messageId, JSON.stringify(event.payload), JSON.stringify(traceContext)],
  );
}
