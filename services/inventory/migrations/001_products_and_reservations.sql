CREATE TABLE products (
  sku          text PRIMARY KEY,
  name         text NOT NULL,
  price_cents  integer NOT NULL CHECK (price_cents > 0),
  -- Units free to sell. Reserved units are subtracted at once; the CHECK is the last
  -- line of defence against overselling.
  stock        integer NOT NULL CHECK (stock >= 0)
);

CREATE TABLE reservations (
  order_id     uuid NOT NULL,
  sku          text NOT NULL REFERENCES products (sku),
  quantity     integer NOT NULL CHECK (quantity > 0),
  unit_price_cents integer NOT NULL,
  status       text NOT NULL CHECK (status IN ('reserved', 'committed', 'released')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, sku)
);

CREATE INDEX reservations_status_idx ON reservations (status) WHERE status = 'reserved';
