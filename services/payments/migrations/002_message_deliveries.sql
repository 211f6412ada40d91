-- Deliveries of each consumed message, counted before it is handled, so a message whose handling
-- kills the process still reaches its queue's delivery limit and the dead-letter queue, whatever
-- the broker counts (RabbitMQ 4.3 no longer counts requeues). A row lives until the message is
-- handled or dead-lettered (shared/platform/src/amqp/delivery-ledger.ts).
CREATE TABLE message_deliveries (
  queue              text NOT NULL,
  message_id         text NOT NULL,
  deliveries         integer NOT NULL CHECK (deliveries > 0),
  last_failure       text,
  first_delivered_at timestamptz NOT NULL DEFAULT now(),
  last_delivered_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (queue, message_id)
);
