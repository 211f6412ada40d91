import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { EVENTS_EXCHANGE } from '@tracebed/contracts';
import { eventually } from './eventually';

export interface DeadLetter {
  content: string;
  headers: Record<string, unknown>;
  messageId: string | undefined;
}

/** Raw access to RabbitMQ, for what no service API does: replaying and corrupting messages. */
export async function connectBroker(amqpUrl: string) {
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createConfirmChannel();
  return {
    /** Publishes bytes as-is to the events exchange and waits for the broker's confirm. */
    async publishRaw(routingKey: string, content: string | Buffer, messageId: string = randomUUID()): Promise<void> {
      channel.publish(EVENTS_EXCHANGE, routingKey, Buffer.from(content), { persistent: true, messageId, contentType: 'application/json' });
      await channel.waitForConfirms();
    },
    /** Waits for a dead letter with the given message id in `<queue>.dlq`, takes it off and returns it. */
    async takeDeadLetter(deadLetterQueue: string, messageId: string, timeoutMs = 15_000): Promise<DeadLetter> {
      return eventually(
        async () => {
          // Hold other tests' dead letters unacked while scanning, then give them back.
          const others: amqp.GetMessage[] = [];
          try {
            for (let message = await channel.get(deadLetterQueue); message; message = await channel.get(deadLetterQueue)) {
              if (message.properties.messageId !== messageId) {
                others.push(message);
                continue;
              }
              channel.ack(message);
              return { content: message.content.toString(), headers: message.properties.headers ?? {}, messageId };
            }
            return undefined;
          } finally {
            for (const other of others) channel.nack(other, false, true);
          }
        },
        { timeoutMs, description: `dead letter ${messageId} in ${deadLetterQueue}` },
      );
    },
    async close(): Promise<void> {
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}

export type BrokerConnection = Awaited<ReturnType<typeof connectBroker>>;
