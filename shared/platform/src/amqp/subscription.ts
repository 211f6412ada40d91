/** A message as a handler sees it: decoded JSON plus what the broker knows about it. */
export interface InboundMessage {
  routingKey: string;
  messageId: string | undefined;
  body: unknown;
  /** 0 on the first delivery; counts earlier deliveries, as the service recorded them. */
  deliveryCount: number;
}

export interface Subscription {
  queue: string;
  /** Resolve to ack; throw PoisonMessageError to dead-letter at once; throw anything else to retry. */
  handle: (message: InboundMessage) => Promise<void>;
}
