CREATE TABLE payments (
  id              uuid PRIMARY KEY,
  -- One payment per order, whatever the broker redelivers.
  order_id        uuid NOT NULL UNIQUE,
  amount_cents    integer NOT NULL CHECK (amount_cents > 0),
  card_last4      char(4) NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('succeeded', 'declined')),
  decline_reason  text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
