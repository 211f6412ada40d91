import type { AmqplibInstrumentationConfig } from '@opentelemetry/instrumentation-amqplib';
import { orderIdOf } from './order-id-of-message';

// The amqplib instrumentation still writes the pre-1.26 messaging attribute names
// (messaging.destination, messaging.rabbitmq.routing_key) and has no switch for the
// current ones. These hooks add the current names, so RabbitMQ spans read like the
// HTTP and SQL spans around them. The consumer names its own span after the queue.
// Every tracebed message is about one order, and its spans say which (order.id).
export const amqplibHooks: AmqplibInstrumentationConfig = {
  publishHook(span, { exchange, routingKey, content, options }) {
    span.updateName(`publish ${exchange || '(default)'}`);
    span.setAttributes({
      'messaging.system': 'rabbitmq',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'publish',
      'messaging.destination.name': exchange,
      'messaging.rabbitmq.destination.routing_key': routingKey,
      'messaging.message.body.size': content.length,
      ...(options?.messageId ? { 'messaging.message.id': options.messageId } : {}),
      ...orderIdOf(content),
    });
  },
  consumeHook(span, { msg }) {
    span.setAttributes({
      'messaging.system': 'rabbitmq',
      'messaging.operation.type': 'process',
      'messaging.operation.name': 'process',
      'messaging.destination.name': msg.fields.exchange,
      'messaging.rabbitmq.destination.routing_key': msg.fields.routingKey,
      'messaging.rabbitmq.message.delivery_tag': msg.fields.deliveryTag,
      'messaging.message.body.size': msg.content.length,
      ...(msg.properties.messageId ? { 'messaging.message.id': String(msg.properties.messageId) } : {}),
      ...orderIdOf(msg.content),
    });
  },
};
