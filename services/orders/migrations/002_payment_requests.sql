-- How many times an order's payment was requested. A request that got lost (a dropped
-- message, a payments outage) is sent again by the payment-timeout sweep, up to a limit.
ALTER TABLE orders ADD COLUMN payment_requests integer NOT NULL DEFAULT 1;
CREATE INDEX orders_pending_idx ON orders (updated_at) WHERE status = 'pending';
