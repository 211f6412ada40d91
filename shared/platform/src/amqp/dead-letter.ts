import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { BrokerUnavailableError } from './errors';

/** Sends a dead letter on its way; resolves once the broker has it. */
export type DeadLetterSender = (queue: string, message: ConsumeMessage, reason: string) => Promise<void>;

/**
 * Copies a message to the dead-letter exchange, routed by the queue it died in, with the reason
 * in `x-tracebed-reason`, and waits for the broker's confirm: the original is acked only after.
 */
export function createDeadLetterSender(channel: ConfirmChannel, exchange: string): DeadLetterSender {
  return (queue, message, reason) =>
    new Promise<void>((resolve, reject) => {
      const headers = { ...message.properties.headers, 'x-tracebed-reason': reason, 'x-tracebed-queue': queue };
      try {
        channel.publish(exchange, queue, message.content, { ...message.properties, headers }, (error) =>
          error ? reject(new BrokerUnavailableError(`broker refused the dead letter: ${String(error)}`)) : resolve(),
        );
      } catch (error) {
        reject(new BrokerUnavailableError(`dead-lettering failed: ${(error as Error).message}`));
      }
    });
}
