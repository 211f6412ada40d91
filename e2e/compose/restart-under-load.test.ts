import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createShopClient, placeOrdersUnderLoad, stackEndpoints } from '@tracebed/testkit';
import { compose, containerOf, docker, type CommandResult } from './compose-cli';

const shop = createShopClient(stackEndpoints().gatewayUrl);
const startedAt = async (container: string) => (await docker(['inspect', '-f', '{{.State.StartedAt}}', container])).stdout.trim();

describe('a container restarted mid-load', () => {
  it('payments restarts while orders arrive: every accepted order is still paid, none lost in the queue', async () => {
    const before = await startedAt(await containerOf('payments'));
    let restart: Promise<CommandResult> | undefined;
    // About 20 orders/s for 10 s; payments is restarted after the first 40.
    const load = await placeOrdersUnderLoad(shop, {
      count: 200,
      concurrency: 2,
      sku: 'STICKERS',
      afterEach: async (done) => {
        if (done === 40) restart = compose(['restart', 'payments']);
        await sleep(50);
      },
    });
    const restarted = await restart!;
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(await startedAt(await containerOf('payments'))).not.toBe(before);

    // Placing an order never waits for payments: all were accepted, and all are paid.
    expect(load.statuses).toEqual({ 202: 200 });
    const final = await Promise.all(load.accepted.map((orderId) => shop.waitForStatus(orderId, ['paid', 'payment_failed'], 90_000)));
    expect(final.filter((order) => order.status !== 'paid')).toEqual([]);
  }, 180_000);
});
