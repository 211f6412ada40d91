import type { Pool } from '@tracebed/platform';
import { OUTBOX_SQL } from './outbox-sql';

export interface StoredMessage {
  messageId: string;
  payload: unknown;
  /** The W3C headers of the span that wrote the message. */
  traceContext: Record<string, string>;
}

/** The outbox rows with these message ids, published or not, keyed by message id. */
export async function findOutboxMessages(pool: Pool, messageIds: string[]): Promise<Map<string, StoredMessage>> {
  if (messageIds.length === 0) return new Map();
  const { rows } = await pool.query<{ message_id: string; payload: unknown; trace_context: Record<string, string> }>(OUTBOX_SQL.findByMessageIds, [messageIds]);
  return new Map(rows.map((row) => [row.message_id, { messageId: row.message_id, payload: row.payload, traceContext: row.trace_context }]));
}
