-- Published outbox rows are deleted once older than OUTBOX_RETENTION_MS (data-access/outbox):
-- the retention rule finds them by when they were published.
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
