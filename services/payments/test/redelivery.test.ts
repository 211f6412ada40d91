import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS } from '@tracebed/contracts';
import { connectToStack, eventually, type BrokerConnection } from '@tracebed/testkit';

const { shop, databases, connectBroker, close } = connectToStack();

describe('a payment request delivered again', () => {
  let broker: BrokerConnection;
  beforeAll(async () => {
    broker = await connectBroker();
  });
  afterAll(close);

  it('never charges twice and republishes the stored outcome', async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    const orderId: string = placed.body.orderId;
    await shop.waitForStatus(orderId, ['paid']);
    const [outbox] = await databases.query('orders', "SELECT payload FROM outbox WHERE message_id = $1", [`order-placed-${orderId}`]);
    const [firstPayment] = await databases.query('payments', 'SELECT id FROM payments WHERE order_id = $1', [orderId]);

    // The same request, twice more, as a broker redelivery or a relay retry would send it.
    await broker.publishRaw(EVENTS.orderPlaced, JSON.stringify(outbox.payload));
    await broker.publishRaw(EVENTS.orderPlaced, JSON.stringify(outbox.payload));

    // payments answers each repeat with the stored outcome; orders ignores outcomes it already has.
    const settledAgain = await eventually(
      async () => {
        const rows = await databases.query('payments', 'SELECT count(*)::int AS n FROM payments WHERE order_id = $1', [orderId]);
        const order = await shop.getOrder(orderId);
        return rows[0].n === 1 && order.body.status === 'paid' ? rows[0].n : undefined;
      },
      { description: 'the repeats to be handled' },
    );
    expect(settledAgain).toBe(1);
    const [payment] = await databases.query('payments', 'SELECT id FROM payments WHERE order_id = $1', [orderId]);
    expect(payment.id).toBe(firstPayment.id);
  });
});
