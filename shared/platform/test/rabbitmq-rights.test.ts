import { once } from 'node:events';
import amqp, { type ConfirmChannel } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { amqpUrlAs, brokerPassword, type BrokerUser } from '@tracebed/testkit';

// Each service logs in to RabbitMQ as itself, with rights on its own queues and events only
// (infra/rabbitmq/provision.sh); the management UI's user can look but not touch.
// The names as the rights name them (infra/rabbitmq/provision.sh), spelt out.
const EVENTS_EXCHANGE = 'tracebed.events';
const external = process.env.TRACEBED_EXTERNAL_STACK === '1';
const amqpHost = `127.0.0.1:${process.env.AMQP_PORT ?? 5672}`;
const managementUrl = `http://127.0.0.1:${process.env.RABBITMQ_MANAGEMENT_PORT ?? 15672}`;

async function withChannel<T>(user: BrokerUser, work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
  const connection = await amqp.connect(amqpUrlAs(user, amqpHost));
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    return await work(channel);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Does `act` on a fresh channel and answers how the broker closed it ("403 …"), or 'allowed'. */
async function outcome(user: BrokerUser, act: (channel: ConfirmChannel) => Promise<unknown>): Promise<string> {
  return withChannel(user, async (channel) => {
    const closed = once(channel, 'close').then(() => 'closed');
    const errors = once(channel, 'error').then(([error]: unknown[]) => error as Error & { code?: number });
    const result = await Promise.race([act(channel).then(() => 'allowed', () => 'failed'), closed]);
    if (result === 'allowed') return result;
    const error = await errors;
    return `${error.code} ${error.message}`;
  });
}

function publish(channel: ConfirmChannel, exchange: string, routingKey: string): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.publish(exchange, routingKey, Buffer.from('{}'), { messageId: `rights-check-${Date.now()}` }, (error) => (error ? reject(error) : resolve()));
  });
}

function managementRequest(path: string, init: RequestInit = {}): Promise<Response> {
  const credentials = Buffer.from(`tracebed-monitor:${brokerPassword('tracebed-monitor')}`).toString('base64');
  return fetch(new URL(path, managementUrl), { ...init, headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/json' } });
}

describe.skipIf(external)('RabbitMQ rights', () => {
  it('let orders publish its own events but refuse it a forged payment.succeeded (403 ACCESS_REFUSED)', async () => {
    expect(await outcome('orders', (channel) => publish(channel, EVENTS_EXCHANGE, 'order.rights-check'))).toBe('allowed');
    expect(await outcome('orders', (channel) => publish(channel, EVENTS_EXCHANGE, 'payment.succeeded'))).toMatch(/^403 .*ACCESS_REFUSED - (write )?access to topic 'payment\.succeeded' in exchange 'tracebed\.events'.*user 'orders'/);
  });

  it('refuse payments an order event, and inventory (which publishes nothing) the events exchange', async () => {
    expect(await outcome('payments', (channel) => publish(channel, EVENTS_EXCHANGE, 'order.paid'))).toMatch(/^403 .*ACCESS_REFUSED - (write )?access to topic 'order\.paid'.*user 'payments'/);
    expect(await outcome('inventory', (channel) => publish(channel, EVENTS_EXCHANGE, 'order.placed'))).toMatch(/^403 .*ACCESS_REFUSED - (write )?access to exchange 'tracebed\.events'.*user 'inventory'/);
  });

  it("refuse a service another service's queue: reading it, or declaring in its name", async () => {
    expect(await outcome('payments', (channel) => channel.consume('orders.payment.outcome', () => undefined))).toMatch(/^403 .*ACCESS_REFUSED - (read )?access to queue 'orders\.payment\.outcome'.*user 'payments'/);
    expect(await outcome('payments', (channel) => channel.assertQueue('orders.rights-check', { exclusive: true }))).toMatch(/^403 .*ACCESS_REFUSED - (configure )?access to queue 'orders\.rights-check'.*user 'payments'/);
  });

  it('give the management user no administrator rights and nothing to publish with', async () => {
    const whoami = await (await managementRequest('/api/whoami')).json();
    expect(whoami).toMatchObject({ name: 'tracebed-monitor', tags: ['monitoring'] });
    expect((await managementRequest('/api/users')).status).toBe(401);
    const published = await managementRequest(`/api/exchanges/%2F/${EVENTS_EXCHANGE}/publish`, {
      method: 'POST',
      body: JSON.stringify({ properties: {}, routing_key: 'payment.succeeded', payload: '{}', payload_encoding: 'string' }),
    });
    expect(published.ok).toBe(false);
    expect(await published.text()).toMatch(/403 ACCESS_REFUSED - (write )?access to exchange 'tracebed\.events'/);
    expect(await outcome('tracebed-monitor', (channel) => publish(channel, EVENTS_EXCHANGE, 'payment.succeeded'))).toMatch(/^403 .*ACCESS_REFUSED - (write )?access to exchange 'tracebed\.events'.*user 'tracebed-monitor'/);
  });

  it('no longer let the old shared administrator tracebed/tracebed log in', async () => {
    const login = amqp.connect(`amqp://tracebed:tracebed@${amqpHost}`).then(async (connection: amqp.ChannelModel) => {
      await connection.close();
      return 'logged in';
    });
    await expect(login).rejects.toThrow(/ACCESS_REFUSED|403/);
  });
});
