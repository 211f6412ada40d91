import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { FaultInjector, FaultPoint } from '@tracebed/faults';
import type { Logger } from 'pino';
import { retryForever } from '../backoff';
import { assertTopology } from './assert-topology';
import { startConsumer, type QueueConsumer } from './consume';
import { createDeadLetterSender } from './dead-letter';
import type { DeliveryLedger } from './delivery-ledger';
import { BrokerUnavailableError } from './errors';
import type { Subscription } from './subscription';
import type { Topology } from './topology';

export interface BrokerOptions {
  url: string;
  /** The service this client belongs to: it declares only the queues named after it. */
  service: string;
  topology: Topology;
  /** Where each consumed message's deliveries are counted. */
  ledger: DeliveryLedger;
  logger: Logger;
  /** Deliveries a consumer channel handles at once. */
  prefetch?: number;
  /** Message faults (drop, duplicate, delay, poison, redeliver…) applied before each handler. */
  faults?: { injector: FaultInjector; point: FaultPoint };
}

export interface PublishOptions {
  messageId: string;
  headers?: Record<string, string>;
}

export interface Broker {
  /** Connects in the background, reconnecting with backoff whenever the connection drops. */
  start(): void;
  /** Registers a consumer; it runs whenever the broker is connected. */
  subscribe(subscription: Subscription): void;
  /** Publishes a JSON event and waits for the broker's confirm. */
  publish(routingKey: string, body: unknown, options: PublishOptions): Promise<void>;
  isConnected(): boolean;
  /** Stops consuming, waits for handlers in flight, closes the connection. */
  close(): Promise<void>;
}

interface Live {
  connection: ChannelModel;
  publisher: ConfirmChannel;
  consumer: Channel;
}

export function createBroker(options: BrokerOptions): Broker {
  const { logger, topology } = options;
  const consumers: QueueConsumer[] = [];
  /** Message ids the broker returned as unroutable, until their confirm arrives. */
  const returned = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  let live: Live | undefined;

  async function connectOnce(): Promise<Live> {
    const connection = await amqp.connect(withHeartbeat(options.url), {
      timeout: 5_000,
      // Without it, Nagle's algorithm holds a publish written right after an ack until the
      // broker's delayed TCP ACK arrives: 40 ms on every settled order, plain in its trace.
      noDelay: true,
      clientProperties: { connection_name: String(logger.bindings().service ?? 'tracebed') },
    });
    connection.on('error', (error: Error) => logger.warn({ err: error }, 'broker.connection_error'));
    try {
      const publisher = await connection.createConfirmChannel();
      const consumer = await connection.createChannel();
      for (const channel of [publisher, consumer]) {
        channel.on('error', (error: Error) => logger.warn({ err: error }, 'broker.channel_error'));
      }
      // A mandatory message no queue takes comes back before its confirm (see publish).
      publisher.on('return', (message: { properties: { messageId?: unknown } }) => returned.add(String(message.properties.messageId)));
      await assertTopology(publisher, topology, options.service);
      await consumer.prefetch(options.prefetch ?? 10);
      const deadLetter = createDeadLetterSender(publisher, topology.deadLetterExchange);
      for (const queueConsumer of consumers) {
        await startConsumer(
          { channel: consumer, logger, inFlight, ledger: options.ledger, deadLetter, ...(options.faults ? { faults: options.faults } : {}) },
          queueConsumer,
        );
      }
      return { connection, publisher, consumer };
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  async function connectLoop(): Promise<void> {
    live = await retryForever(connectOnce, {
      signal: stopping.signal,
      onRetry: (error, attempt, delayMs) => logger.warn({ err: error, attempt, retryInMs: delayMs }, 'broker.connect_failed'),
    });
    logger.info('broker.connected');
    live.connection.once('close', () => {
      live = undefined;
      if (stopping.signal.aborted) return;
      logger.warn('broker.connection_lost');
      void connectLoop().catch(() => undefined);
    });
  }

  return {
    start() {
      void connectLoop().catch(() => undefined);
    },
    subscribe(subscription) {
      const queue = topology.queues.find((declared) => declared.name === subscription.queue);
      if (!queue) throw new Error(`${subscription.queue} is not in the topology`);
      consumers.push({ ...subscription, deliveryLimit: queue.deliveryLimit });
    },
    async publish(routingKey, body, publishOptions) {
      const channel = live?.publisher;
      if (!channel) throw new BrokerUnavailableError('not connected to RabbitMQ');
      const content = Buffer.from(JSON.stringify(body));
      await new Promise<void>((resolve, reject) => {
        try {
          channel.publish(
            topology.eventsExchange,
            routingKey,
            content,
            {
              persistent: true,
              mandatory: true,
              contentType: 'application/json',
              messageId: publishOptions.messageId,
              type: routingKey,
              timestamp: Math.floor(Date.now() / 1000),
              headers: { ...publishOptions.headers },
            },
            (error) => {
              const unroutable = returned.delete(publishOptions.messageId);
              if (error) reject(new BrokerUnavailableError(`broker refused ${routingKey}: ${String(error)}`));
              // Its consumer's queue does not exist yet: the publisher tries again later.
              else if (unroutable) reject(new BrokerUnavailableError(`no queue takes ${routingKey} yet`));
              else resolve();
            },
          );
        } catch (error) {
          reject(new BrokerUnavailableError(`publishing ${routingKey} failed: ${(error as Error).message}`));
        }
      });
    },
    isConnected: () => live !== undefined,
    async close() {
      stopping.abort();
      const current = live;
      live = undefined;
      if (current) {
        await current.consumer.close().catch(() => undefined);
      }
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await current?.connection.close().catch(() => undefined);
    },
  };
}

/** Heartbeats detect a dead broker in seconds instead of at the next TCP timeout. */
function withHeartbeat(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', '10');
  return parsed.toString();
}
