/** The exchanges, queues and bindings of the shop; each service asserts its part on every (re)connect. */
export interface Topology {
  /** Topic exchange every event is published to. */
  eventsExchange: string;
  /** Exchange dead letters go to, routed by the name of the queue they died in. */
  deadLetterExchange: string;
  queues: QueueDeclaration[];
}

export interface QueueDeclaration {
  /** `<consumer>.<event>`: the consuming service's name comes first. */
  name: string;
  /** Routing keys (event names) that land in this queue. */
  bindings: string[];
  /** Deliveries a message gets; the next one goes to the dead-letter queue unhandled. */
  deliveryLimit: number;
}

export const deadLetterQueueName = (queue: string) => `${queue}.dlq`;

/** The queues a service consumes from, and so declares. */
export const ownedQueues = (topology: Topology, service: string): QueueDeclaration[] =>
  topology.queues.filter((queue) => queue.name.startsWith(`${service}.`));
