import type { z } from 'zod';
import { jsonSchemaOf } from './http/openapi';
import { OrderPlaced, OrderSettled } from './order-events';
import { PaymentCompleted } from './payment-events';
import { DEAD_LETTER_EXCHANGE, EVENTS, EVENTS_EXCHANGE, TOPOLOGY } from './topology';

type Json = Record<string, unknown>;

/** Each routing key: its payload, and who publishes it. */
const EVENT_MESSAGES: Record<string, { message: string; schema: z.ZodType; publisher: string; summary: string }> = {
  [EVENTS.orderPlaced]: { message: 'OrderPlaced', schema: OrderPlaced, publisher: 'orders', summary: 'an order was accepted and its stock reserved: payments should charge it' },
  [EVENTS.paymentSucceeded]: { message: 'PaymentCompleted', schema: PaymentCompleted, publisher: 'payments', summary: 'the charge for an order went through' },
  [EVENTS.paymentFailed]: { message: 'PaymentCompleted', schema: PaymentCompleted, publisher: 'payments', summary: 'the charge for an order was declined' },
  [EVENTS.orderPaid]: { message: 'OrderSettled', schema: OrderSettled, publisher: 'orders', summary: 'the order is paid: inventory commits its stock' },
  [EVENTS.orderPaymentFailed]: { message: 'OrderSettled', schema: OrderSettled, publisher: 'orders', summary: 'the payment failed: inventory releases the stock' },
};

const ref = (path: string) => ({ $ref: path });
const camel = (name: string) => name.replace(/[._-](\w)/g, (_all, letter: string) => letter.toUpperCase());

function messages(): Json {
  const out: Json = {};
  for (const { message, schema } of Object.values(EVENT_MESSAGES)) {
    out[message] = { name: message, contentType: 'application/json', payload: jsonSchemaOf(schema, 'output') };
  }
  return out;
}

function channels(): Json {
  const messagesOf = (keys: readonly string[]) => Object.fromEntries([...new Set(keys.map((key) => EVENT_MESSAGES[key]!.message))].map((name) => [name, ref(`#/components/messages/${name}`)]));
  const out: Json = {
    events: {
      address: EVENTS_EXCHANGE,
      description: 'Every event, by routing key (the event name).',
      messages: messagesOf(Object.keys(EVENT_MESSAGES)),
      bindings: { amqp: { is: 'routingKey', exchange: { name: EVENTS_EXCHANGE, type: 'topic', durable: true, autoDelete: false, vhost: '/' } } },
    },
  };
  for (const queue of TOPOLOGY.queues) {
    const queueBinding = (name: string) => ({ amqp: { is: 'queue', queue: { name, durable: true, exclusive: false, autoDelete: false, vhost: '/' } } });
    out[camel(queue.name)] = {
      address: queue.name,
      description: `Bound to ${EVENTS_EXCHANGE} by ${queue.bindings.join(', ')}. A message failing ${queue.deliveryLimit} deliveries, or failing its schema, goes to ${queue.name}.dlq.`,
      messages: messagesOf(queue.bindings),
      bindings: queueBinding(queue.name),
    };
    out[camel(`${queue.name}.dlq`)] = {
      address: `${queue.name}.dlq`,
      description: `Dead letters of ${queue.name}, through ${DEAD_LETTER_EXCHANGE} (direct, routing key ${queue.name}).`,
      messages: messagesOf(queue.bindings),
      bindings: queueBinding(`${queue.name}.dlq`),
    };
  }
  return out;
}

function operations(): Json {
  const out: Json = {};
  for (const [routingKey, event] of Object.entries(EVENT_MESSAGES)) {
    out[`publish${camel(`-${routingKey}`)}`] = {
      action: 'send',
      summary: `${event.publisher} publishes ${routingKey}: ${event.summary}`,
      channel: ref('#/channels/events'),
      messages: [ref(`#/channels/events/messages/${event.message}`)],
      bindings: { amqp: { cc: [routingKey], deliveryMode: 2 } },
    };
  }
  for (const queue of TOPOLOGY.queues) {
    const consumer = queue.name.split('.')[0];
    const channel = camel(queue.name);
    out[`consume${camel(`-${queue.name}`)}`] = {
      action: 'receive',
      summary: `${consumer} consumes ${queue.bindings.join(' and ')}`,
      channel: ref(`#/channels/${channel}`),
      messages: [...new Set(queue.bindings.map((key) => EVENT_MESSAGES[key]!.message))].map((name) => ref(`#/channels/${channel}/messages/${name}`)),
      bindings: { amqp: { ack: true } },
    };
  }
  return out;
}

/** The AsyncAPI 3.0 description of the messages the services exchange over RabbitMQ, from topology.ts and the message schemas. */
export function buildAsyncApi(version: string): Json {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'tracebed shop events',
      version,
      description: 'The events the shop\'s services publish and consume. Each message carries W3C trace context and baggage in its headers; a consumer validates the payload and dead-letters one that fails.',
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: 'application/json',
    servers: { rabbitmq: { host: '127.0.0.1:5672', protocol: 'amqp', protocolVersion: '0.9.1', description: 'the native or compose stack' } },
    channels: channels(),
    operations: operations(),
    components: { messages: messages() },
  };
}
