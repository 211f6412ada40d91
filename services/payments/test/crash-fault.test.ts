import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createShopClient, eventually, faultAdmin, stackEndpoints, startServiceProcess } from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);

/** A second payments instance, consuming from the same queue as the stack's own. */
async function startPayments(overrides: Record<string, string | undefined>) {
  const instance = await startServiceProcess('payments', overrides);
  started.push(instance.child);
  return instance;
}

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
});

describe('a service without an admin token', () => {
  it('has no fault admin API at all', async () => {
    const instance = await startPayments({ FAULT_ADMIN_TOKEN_FILE: undefined, FAULT_ADMIN_TOKEN: undefined });
    const response = await faultAdmin(instance.adminUrl).list();
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ADMIN_DISABLED');
  });
});

describe('a crash fault', () => {
  it('ends the process while it charges, and the message it held is charged by the other instance', async () => {
    const instance = await startPayments({});
    expect((await faultAdmin(instance.adminUrl).set('payments.charge=crash', 60)).status).toBe(200);

    // Both instances take turns on the queue: order until the crashing one gets a message.
    const orders: string[] = [];
    await eventually(
      async () => {
        if (instance.child.exitCode !== null) return true;
        const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
        orders.push(placed.body.orderId);
        return undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, description: 'the crashing instance to take a payment request' },
    );
    expect(await instance.exited).toBe(70);
    // The request it held unacknowledged goes back to the queue: every order still gets paid, once.
    for (const orderId of orders) await shop.waitForStatus(orderId, ['paid'], 30_000);
  }, 90_000);
});

describe('faults set at start-up', () => {
  it('are listed by the admin API as start-up rules', async () => {
    const instance = await startPayments({ FAULTS: 'payments.charge=latency:5ms@0.5' });
    const listing = await faultAdmin(instance.adminUrl).list();
    expect(listing.body.startup).toEqual([expect.objectContaining({ rule: 'payments.charge=latency:5ms@0.5', source: 'startup' })]);
  });

  it('stop the service from starting when malformed, naming FAULTS', async () => {
    const instance = await startServiceProcess('payments', { FAULTS: 'payments.charge=explode' }, { waitForReady: false });
    expect(await instance.exited).toBe(1);
    expect(instance.stderr()).toMatch(/FAULTS: .*unknown kind 'explode'/);
  });
});
