/** The exchanges, queues and bindings a service asserts on every (re)connect. */
export interface Topology {
  /** Topic exchange every event is published to. */
  eventsExchange: string;
  /** Exchange dead letters go to, routed by the name of the queue they died in. */
  deadLetterExchange: string;
  queues: QueueDeclaration[];
}

export interface QueueDeclaration {
  name: string;
  /** Routing keys (event names) that land in this queue. */
  bindings: string[];
  /** Deliveries after which RabbitMQ dead-letters a message that keeps failing. */
  deliveryLimit: number;
}

export const deadLetterQueueName = (queue: string) => `${queue}.dlq`;
