import { afterAll, describe, expect, it } from 'vitest';
import { createShopClient, startServiceProcess, type ServiceProcess } from '@tracebed/testkit';

let gateway: ServiceProcess | undefined;
afterAll(() => {
  gateway?.child.kill('SIGTERM');
});

describe('a gateway with per-request faults switched off', () => {
  it('refuses X-Fault with 403 and still serves plain orders', async () => {
    gateway = await startServiceProcess('gateway', { FAULTS_PER_REQUEST: 'off' });
    const shop = createShopClient(gateway.url);
    const faulty = await shop.placeOrderWithFaults('orders.place=latency:100ms');
    expect(faulty.status).toBe(403);
    expect(faulty.body.error.code).toBe('FAULTS_DISABLED');
    expect((await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }])).status).toBe(202);
  });
});
