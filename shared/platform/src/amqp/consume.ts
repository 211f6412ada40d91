import type { Channel, ConsumeMessage } from 'amqplib';
import { trace } from '@opentelemetry/api';
import { FaultInjectedError, type FaultInjector, type FaultPoint } from '@tracebed/faults';
import type { Logger } from 'pino';
import { backoffDelay } from '../backoff';
import { isDependencyUnavailable } from '../dependency-errors';
import { markSpanFailed } from '../tracing';
import { PoisonMessageError } from './errors';
import type { InboundMessage, Subscription } from './subscription';

export interface ConsumeContext {
  channel: Channel;
  deadLetterExchange: string;
  logger: Logger;
  /** Tracks handlers in flight so shutdown can wait for them. */
  inFlight: Set<Promise<void>>;
  /** The message faults of this service's consumers. */
  faults?: { injector: FaultInjector; point: FaultPoint };
}

type FaultOutcome = 'process' | 'process-twice' | 'drop' | 'redeliver';

/** Applies the message faults that fire for this delivery and says what to do with it. */
async function applyMessageFaults(context: ConsumeContext, deliveryCount: number): Promise<FaultOutcome> {
  if (!context.faults) return 'process';
  const { injector, point } = context.faults;
  // A redelivered message is processed: `redeliver` only sends a message round once.
  const fired = injector.fire(point, (rule) => rule.kind !== 'redeliver' || deliveryCount === 0);
  let outcome: FaultOutcome = 'process';
  for (const fault of fired) {
    switch (fault.kind) {
      case 'drop':
        return 'drop';
      case 'redeliver':
        return 'redeliver';
      case 'poison':
        throw new PoisonMessageError(`fault injected at ${point}: poison`);
      case 'error':
        throw new FaultInjectedError(fault, fault.status ?? 500);
      case 'crash':
        injector.crash(fault);
        break;
      case 'delay':
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.drawnDelayMs ?? 0));
        break;
      case 'duplicate':
        outcome = 'process-twice';
        break;
      default:
        break;
    }
  }
  return outcome;
}

function deliveryCountOf(message: ConsumeMessage): number {
  const count = Number(message.properties.headers?.['x-delivery-count'] ?? 0);
  return Number.isFinite(count) ? count : 0;
}

function decode(message: ConsumeMessage): unknown {
  try {
    return JSON.parse(message.content.toString('utf8'));
  } catch {
    throw new PoisonMessageError('message body is not valid JSON');
  }
}

/**
 * Handles one delivery inside the consumer span the amqplib instrumentation opened:
 * ack on success; a poison message is copied to the dead-letter exchange with its reason
 * and acked; any other failure is nacked back to the queue after a backoff, until the
 * queue's delivery limit dead-letters it.
 */
async function settle(context: ConsumeContext, subscription: Subscription, message: ConsumeMessage): Promise<void> {
  const { channel, logger } = context;
  const span = trace.getActiveSpan();
  span?.updateName(`process ${subscription.queue}`);
  span?.setAttribute('messaging.destination.subscription.name', subscription.queue);
  const deliveryCount = deliveryCountOf(message);
  const log = logger.child({ queue: subscription.queue, messageId: message.properties.messageId, deliveryCount });
  try {
    const inbound: InboundMessage = {
      routingKey: message.fields.routingKey,
      messageId: message.properties.messageId as string | undefined,
      body: decode(message),
      deliveryCount,
    };
    const outcome = await applyMessageFaults(context, deliveryCount);
    if (outcome === 'drop') {
      log.warn('message.dropped_by_fault');
      channel.ack(message);
      return;
    }
    if (outcome === 'redeliver') {
      channel.nack(message, false, true);
      return;
    }
    await handleThroughOutages(subscription, inbound, log);
    if (outcome === 'process-twice') await handleThroughOutages(subscription, inbound, log);
    channel.ack(message);
  } catch (error) {
    if (span) markSpanFailed(span, error);
    if (error instanceof PoisonMessageError) {
      log.warn({ reason: error.message }, 'message.dead_lettered');
      span?.addEvent('message.dead_lettered', { 'error.message': error.message });
      channel.publish(context.deadLetterExchange, subscription.queue, message.content, {
        ...message.properties,
        headers: { ...message.properties.headers, 'x-tracebed-reason': error.message, 'x-tracebed-queue': subscription.queue },
      });
      channel.ack(message);
      return;
    }
    const delayMs = backoffDelay(deliveryCount + 1, 200, 5_000);
    log.warn({ err: error, retryInMs: delayMs }, 'message.retry_scheduled');
    span?.addEvent('message.retry_scheduled', { 'messaging.rabbitmq.delivery_count': deliveryCount, 'tracebed.retry_in_ms': delayMs });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    channel.nack(message, false, true);
  }
}

/** How long a handler keeps retrying while its database or broker is down, holding the message. */
const OUTAGE_PATIENCE_MS = 60_000;

/**
 * Runs the handler, and while it fails only because a dependency is down, runs it again with
 * backoff instead of nacking: a database restart must not burn the message's deliveries and
 * send good messages to the dead-letter queue.
 */
async function handleThroughOutages(subscription: Subscription, inbound: InboundMessage, log: Logger): Promise<void> {
  const deadline = Date.now() + OUTAGE_PATIENCE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await subscription.handle(inbound);
      return;
    } catch (error) {
      if (!isDependencyUnavailable(error) || Date.now() > deadline) throw error;
      const delayMs = backoffDelay(attempt, 250, 5_000);
      log.warn({ err: error, attempt, retryInMs: delayMs }, 'message.waiting_for_dependency');
      trace.getActiveSpan()?.addEvent('message.dependency_unavailable', { 'tracebed.retry_in_ms': delayMs, 'tracebed.attempt': attempt });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

export async function startConsumer(context: ConsumeContext, subscription: Subscription): Promise<void> {
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
