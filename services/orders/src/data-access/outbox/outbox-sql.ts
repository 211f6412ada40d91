/**
 * Every statement on the outbox table. The writer's INSERT and the relay's UPDATE run inside
 * traced spans, where their text is the span's db.query.text: change them knowingly.
 */
export const OUTBOX_SQL = {
  enqueue:
    'INSERT INTO outbox (routing_key, message_id, payload, trace_context) VALUES ($1, $2, $3, $4) ON CONFLICT (message_id) DO NOTHING',

  claimUnpublished: `SELECT id, routing_key, message_id, payload, trace_context FROM outbox
         WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,

  markPublished: 'UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = $1',

  recordFailure: 'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1',

  findByMessageIds: 'SELECT message_id, payload, trace_context FROM outbox WHERE message_id = ANY($1::text[])',

  /**
   * Published rows older than $1 ms, oldest first, at most $2 of them. A pending order's rows
   * stay: the payment sweep reads its payment request back from here to ask again.
   */
  deletePublishedBefore: `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox
         WHERE published_at < now() - make_interval(secs => $1::float8 / 1000)
           AND coalesce(payload ->> 'orderId', '') NOT IN (SELECT id::text FROM orders WHERE status = 'pending')
         ORDER BY published_at LIMIT $2)`,
} as const;
