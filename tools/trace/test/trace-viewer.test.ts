import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createShopClient, stackEndpoints, TEST_CARDS, waitForTrace } from '@tracebed/testkit';

const run = promisify(execFile);
const cli = path.resolve(__dirname, '..', 'dist', 'cli.js');
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
    // Declined, but after the queue: the answer to the request did not wait for it.
    expect(stdout).toMatch(/^ ! +payments: payment\.charge/m);
    expect(stdout.split('\n').filter((line) => line.startsWith('*') && line.includes('payments:'))).toEqual([]);
  });

  it('gives the same trace as JSON for machines, every span with its kind, status, attributes, events and links', async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }], TEST_CARDS.approved, { 'x-fault': 'orders.place=latency:20ms' });
    await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) => t.spans.some((s) => s.name === 'stock.commit'));
    const { stdout } = await run(process.execPath, [cli, placed.body.traceId, '--json'], { env });
    const json = JSON.parse(stdout);
    const named = (name: string) => json.spans.find((s: { name: string }) => s.name === name);
    expect(json.traceId).toBe(placed.body.traceId);
    expect(json.spans[0]).toMatchObject({ service: 'gateway', name: 'POST /api/orders', kind: 'server', depth: 0, critical: true, status: { code: 'UNSET' } });
    expect(named('order.place')).toMatchObject({ kind: 'internal', critical: true, attributes: { 'order.id': placed.body.orderId } });
    expect(named('order.place').events).toEqual([expect.objectContaining({ name: 'fault.injected', attributes: expect.objectContaining({ 'fault.kind': 'latency', 'fault.delay_ms': 20 }) })]);
    expect(named('order.place').selfTimeMs).toBeGreaterThanOrEqual(20);
    // Settled after the order was answered: on no path of the root's.
    expect(named('stock.commit')).toMatchObject({ critical: false, criticalMs: 0, links: [] });
  });

  it("prints one span's details with --span, by name or id, and lists the names when none matches", async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) => t.spans.some((s) => s.name === 'order.place'));
    const { stdout } = await run(process.execPath, [cli, placed.body.traceId, '--span', 'order.place'], { env });
    expect(stdout).toMatch(/^orders: order\.place {2}\(span [0-9a-f]{16}\)$/m);
    expect(stdout).toMatch(/^ {2}kind {8}internal$/m);
    expect(stdout).toMatch(/^ {2}self time {3}[\d.]+ms \(\d+%\): no child running$/m);
    expect(stdout).toMatch(/^ {2}critical {4}[\d.]+ms \(\d+%\) of its own time on the path, at /m);
    expect(stdout).toContain(`order.id = ${placed.body.orderId}`);
    const spanId = /\(span ([0-9a-f]{16})\)/.exec(stdout)![1]!;
    expect((await run(process.execPath, [cli, placed.body.traceId, '--span', spanId], { env })).stdout).toBe(stdout);

    const none = await failing([placed.body.traceId, '--span', 'no.such.span']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/has no span named or with the id 'no\.such\.span'\. Its span names: .*order\.place/);
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
