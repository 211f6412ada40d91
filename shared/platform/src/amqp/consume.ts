import type { Channel, ConsumeMessage } from 'amqplib';
import { trace, type Span } from '@opentelemetry/api';
import { applyMessageFaults, type MessageFaults } from '@tracebed/faults';
import type { Logger } from 'pino';
import { backoffDelay } from '../backoff';
import { isDependencyUnavailable } from '../dependency-errors';
import { markSpanFailed } from '../tracing';
import type { DeadLetterSender } from './dead-letter';
import { deliveryKeyOf, exhaustedReason, isOverDeliveryLimit, type DeliveryKey } from './delivery-attempts';
import type { DeliveryLedger } from './delivery-ledger';
import { PoisonMessageError } from './errors';
import type { InboundMessage, Subscription } from './subscription';

export interface ConsumeContext {
  channel: Channel;
  logger: Logger;
  /** Tracks handlers in flight so shutdown can wait for them. */
  inFlight: Set<Promise<void>>;
  /** Counts each message's deliveries durably, before its handler runs. */
  ledger: DeliveryLedger;
  deadLetter: DeadLetterSender;
  /** The message faults of this service's consumers. */
  faults?: MessageFaults;
}

/** A subscription with its queue's delivery limit, from the topology. */
export interface QueueConsumer extends Subscription {
  deliveryLimit: number;
}

/** One delivery as settle() sees it. */
interface Delivery {
  message: ConsumeMessage;
  key: DeliveryKey;
  span: Span | undefined;
  log: Logger;
}

/** How long a handler keeps retrying while its database or broker is down, holding the message. */
const OUTAGE_PATIENCE_MS = 60_000;

/**
 * Runs `work`, and while it fails only because a dependency is down, runs it again with backoff
 * instead of nacking: a database restart must not burn the message's deliveries and send good
 * messages to the dead-letter queue.
 */
async function throughOutages<T>(work: () => Promise<T>, log: Logger): Promise<T> {
  const deadline = Date.now() + OUTAGE_PATIENCE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDependencyUnavailable(error) || Date.now() > deadline) throw error;
      const delayMs = backoffDelay(attempt, 250, 5_000);
      log.warn({ err: error, attempt, retryInMs: delayMs }, 'message.waiting_for_dependency');
      trace.getActiveSpan()?.addEvent('message.dependency_unavailable', { 'tracebed.retry_in_ms': delayMs, 'tracebed.attempt': attempt });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** Back to the queue after a backoff, for another delivery. */
async function retryLater(context: ConsumeContext, delivery: Delivery, attempt: number, error: unknown): Promise<void> {
  const delayMs = backoffDelay(attempt, 200, 5_000);
  delivery.log.warn({ err: error, retryInMs: delayMs }, 'message.retry_scheduled');
  delivery.span?.addEvent('message.retry_scheduled', { 'tracebed.delivery_attempt': attempt, 'tracebed.retry_in_ms': delayMs });
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  context.channel.nack(delivery.message, false, true);
}

/** Copies the message to the DLQ with its reason, then acks it; if the copy fails, it comes back later. */
async function deadLetter(context: ConsumeContext, queue: string, delivery: Delivery, reason: string): Promise<void> {
  try {
    await context.deadLetter(queue, delivery.message, reason);
  } catch (error) {
    // The broker's trouble, not the message's: back soon.
    await retryLater(context, delivery, 1, error);
    return;
  }
  delivery.log.warn({ reason }, 'message.dead_lettered');
  delivery.span?.addEvent('message.dead_lettered', { 'error.message': reason });
  context.channel.ack(delivery.message);
  await forget(context, delivery);
}

/** The message is settled: its count is no longer needed (a leftover row only costs space). */
async function forget(context: ConsumeContext, delivery: Delivery): Promise<void> {
  await context.ledger.forget(delivery.key).catch((error: unknown) => delivery.log.warn({ err: error }, 'message.ledger_forget_failed'));
}

function decode(message: ConsumeMessage): unknown {
  try {
    return JSON.parse(message.content.toString('utf8'));
  } catch {
    throw new PoisonMessageError('message body is not valid JSON');
  }
}

/** Handles the delivery (faults first), then acks it; throws what the handler threw. */
async function handle(context: ConsumeContext, subscription: Subscription, delivery: Delivery, attempt: number): Promise<void> {
  const { message, log } = delivery;
  const inbound: InboundMessage = {
    routingKey: message.fields.routingKey,
    messageId: message.properties.messageId as string | undefined,
    body: decode(message),
    deliveryCount: attempt - 1,
  };
  const outcome = await applyMessageFaults(context.faults, attempt, (reason) => new PoisonMessageError(reason));
  if (outcome === 'redeliver') {
    context.channel.nack(message, false, true);
    return;
  }
  if (outcome === 'drop') {
    log.warn('message.dropped_by_fault');
  } else {
    await throughOutages(() => subscription.handle(inbound), log);
    if (outcome === 'process-twice') await throughOutages(() => subscription.handle(inbound), log);
  }
  context.channel.ack(message);
  await forget(context, delivery);
}

/**
 * Settles one delivery inside the consumer span the amqplib instrumentation opened. The delivery
 * is counted first, durably: past the queue's limit it goes to the DLQ unhandled, whatever killed
 * the earlier attempts. Then: ack on success; a poison message to the DLQ with its reason; any
 * other failure back to the queue after a backoff.
 */
async function settle(context: ConsumeContext, subscription: QueueConsumer, message: ConsumeMessage): Promise<void> {
  const span = trace.getActiveSpan();
  span?.updateName(`process ${subscription.queue}`);
  span?.setAttribute('messaging.destination.subscription.name', subscription.queue);
  const key = deliveryKeyOf(subscription.queue, message.properties.messageId, message.fields.routingKey, message.content);
  const delivery: Delivery = { message, key, span, log: context.logger.child({ queue: subscription.queue, messageId: key.messageId }) };
  let recorded;
  try {
    recorded = await throughOutages(() => context.ledger.record(key), delivery.log);
  } catch (error) {
    // Uncounted, it goes back: the broker's own delivery limit remains the last guard.
    await retryLater(context, delivery, 1, error);
    return;
  }
  const { attempt } = recorded;
  delivery.log = delivery.log.child({ attempt });
  span?.setAttribute('tracebed.delivery_attempt', attempt);
  if (isOverDeliveryLimit(attempt, subscription.deliveryLimit)) {
    await deadLetter(context, subscription.queue, delivery, exhaustedReason(attempt - 1, recorded.lastFailure));
    return;
  }
  try {
    await handle(context, subscription, delivery, attempt);
  } catch (error) {
    if (span) markSpanFailed(span, error);
    if (error instanceof PoisonMessageError) {
      await deadLetter(context, subscription.queue, delivery, error.message);
      return;
    }
    const failure = error instanceof Error ? error.message : String(error);
    await context.ledger.noteFailure(key, failure).catch((noteError: unknown) => delivery.log.warn({ err: noteError }, 'message.ledger_note_failed'));
    await retryLater(context, delivery, attempt, error);
  }
}

export async function startConsumer(context: ConsumeContext, subscription: QueueConsumer): Promise<void> {
  await context.channel.consume(subscription.queue, (message) => {
    if (!message) return; // the broker cancelled the consumer; the reconnect loop re-subscribes
    const work = settle(context, subscription, message).catch((error: unknown) => {
      // Settling itself failed: the channel is gone. The broker redelivers the message.
      context.logger.warn({ err: error, queue: subscription.queue }, 'message.settle_failed');
    });
    context.inFlight.add(work);
    void work.finally(() => context.inFlight.delete(work));
  });
}
