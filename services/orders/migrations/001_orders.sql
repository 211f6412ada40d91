CREATE TABLE orders (
  id                uuid PRIMARY KEY,
  status            text NOT NULL CHECK (status IN ('pending', 'paid', 'payment_failed', 'rejected')),
  total_cents       integer NOT NULL CHECK (total_cents >= 0),
  currency          char(3) NOT NULL DEFAULT 'EUR',
  card_last4        char(4) NOT NULL,
  rejection_reason  text,
  -- The trace that placed the order, so a user can go from an order to its trace.
  trace_id          char(32),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
  order_id          uuid NOT NULL REFERENCES orders (id),
  sku               text NOT NULL,
  quantity          integer NOT NULL CHECK (quantity > 0),
  unit_price_cents  integer NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, sku)
);

-- Events written in the same transaction as the state change they announce; the relay
-- publishes them with publisher confirms. trace_context carries the W3C headers of the
-- span that wrote the row, so the trace continues across the relay.
CREATE TABLE outbox (
  id             bigserial PRIMARY KEY,
  routing_key    text NOT NULL,
  message_id     text NOT NULL UNIQUE,
  payload        jsonb NOT NULL,
  trace_context  jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  published_at   timestamptz,
  attempts       integer NOT NULL DEFAULT 0,
  last_error     text
);

CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
