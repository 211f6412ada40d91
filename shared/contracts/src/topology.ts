/** Where tracebed's events travel. Every service asserts all of it on connect. */
export const EVENTS_EXCHANGE = 'tracebed.events';
export const DEAD_LETTER_EXCHANGE = 'tracebed.dead-letters';

/** Failed deliveries of one message before RabbitMQ moves it to the queue's DLQ. */
export const DELIVERY_LIMIT = 5;

export const QUEUES = {
  /** payments charges each placed order. */
  paymentsOrderPlaced: 'payments.order.placed',
  /** orders settles each order with its payment's outcome. */
  ordersPaymentOutcome: 'orders.payment.outcome',
  /** inventory commits or releases the reservation once the order is settled. */
  inventoryOrderOutcome: 'inventory.order.outcome',
} as const;

export const EVENTS = {
  orderPlaced: 'order.placed',
  paymentSucceeded: 'payment.succeeded',
  paymentFailed: 'payment.failed',
  orderPaid: 'order.paid',
  orderPaymentFailed: 'order.payment_failed',
} as const;

export const TOPOLOGY = {
  eventsExchange: EVENTS_EXCHANGE,
  deadLetterExchange: DEAD_LETTER_EXCHANGE,
  queues: [
    { name: QUEUES.paymentsOrderPlaced, bindings: [EVENTS.orderPlaced], deliveryLimit: DELIVERY_LIMIT },
    { name: QUEUES.ordersPaymentOutcome, bindings: [EVENTS.paymentSucceeded, EVENTS.paymentFailed], deliveryLimit: DELIVERY_LIMIT },
    { name: QUEUES.inventoryOrderOutcome, bindings: [EVENTS.orderPaid, EVENTS.orderPaymentFailed], deliveryLimit: DELIVERY_LIMIT },
  ],
};
