import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createShopClient, stackEndpoints, TEST_CARDS, waitForTrace } from '@tracebed/testkit';

const run = promisify(execFile);
const cli = path.resolve(__dirname, '..', '..', '..', 'shared/trace-viewer/dist/cli.js');
const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const env = { ...process.env, JAEGER_URL: endpoints.jaegerUrl, GATEWAY_URL: endpoints.gatewayUrl };

async function failing(args: string[]) {
  try {
    await run(process.execPath, [cli, ...args], { env });
    throw new Error('expected the trace viewer to fail');
  } catch (error) {
    return error as { code: number; stderr: string };
  }
}

describe('the terminal trace viewer', () => {
  it("prints an order's trace as a waterfall, found by the order id, with the critical path and the declined payment", async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }], TEST_CARDS.declined);
    await shop.waitForStatus(placed.body.orderId, ['payment_failed']);
    await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) => t.spans.some((s) => s.name === 'stock.release'));
    const { stdout } = await run(process.execPath, [cli, '--order', placed.body.orderId], { env });
    expect(stdout).toContain(`trace ${placed.body.traceId}:`);
    expect(stdout).toMatch(/4 services \(gateway, inventory, orders, payments\)/);
    expect(stdout).toMatch(/^\* +gateway: POST \/api\/orders/m);
    expect(stdout).toMatch(/^\*! +payments: payment\.charge/m);
  });

  it('gives the same trace as JSON for machines', async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) => t.spans.some((s) => s.name === 'stock.commit'));
    const { stdout } = await run(process.execPath, [cli, placed.body.traceId, '--json'], { env });
    const json = JSON.parse(stdout);
    expect(json.traceId).toBe(placed.body.traceId);
    expect(json.spans[0]).toMatchObject({ service: 'gateway', name: 'POST /api/orders', depth: 0, critical: true });
    expect(json.spans.some((s: { name: string; critical: boolean }) => s.name === 'stock.commit' && s.critical)).toBe(true);
  });

  it('says clearly when a trace is not in Jaeger, or the id is not a trace id', async () => {
    const missing = await failing(['0123456789abcdef0123456789abcdef']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/is not in Jaeger/);
    const malformed = await failing(['not-a-trace']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/not a trace id/);
  });
});
