import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient, launchBrowser, SERVICES, stackEndpoints, waitForTrace, type Page, type TestBrowser, type Trace } from '@tracebed/testkit';
import { launcher, runTool } from './compose-cli';

const endpoints = stackEndpoints();
const has = (trace: Trace, service: string, name: string) => trace.spans.some((span) => span.service === service && span.name === name);

interface TraceJson {
  traceId: string;
  services: string[];
  spans: { name: string; critical: boolean }[];
}

/** Orders one sticker pack from the shop page, as lab 1 asks, and returns the order's id. */
async function orderFromThePage(page: Page): Promise<string> {
  await page.goto(endpoints.gatewayUrl);
  await page.locator('#products li[data-sku="STICKERS"] button').click();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.locator('p[data-status="paid"]').waitFor({ timeout: 30_000 });
  return (await page.locator('#order-id').textContent())?.trim() ?? '';
}

describe('the tools containers (docker compose --profile tools run --rm …)', () => {
  let browser: TestBrowser;
  let orderId: string;
  let answers: { services: number; sql: number; critical: number };

  beforeAll(async () => {
    browser = await launchBrowser();
    orderId = await orderFromThePage(await browser.context.newPage());
    const order = (await (await fetch(new URL(`/api/orders/${orderId}`, endpoints.gatewayUrl))).json()) as { traceId: string };
    // The browser's spans arrive through the relay; the lab reads the trace once it stops growing.
    await waitForTrace(endpoints.jaegerUrl, order.traceId, (trace) => has(trace, 'shop-web', 'checkout.submit') && has(trace, 'inventory', 'stock.commit'), 30_000, 2_000);
    const shown = await runTool('trace', ['--order', orderId, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    const trace = JSON.parse(shown.stdout) as TraceJson;
    expect(trace.traceId).toBe(order.traceId);
    answers = {
      services: trace.services.length,
      sql: trace.spans.filter((span) => span.name.startsWith('pg.query')).length,
      critical: trace.spans.filter((span) => span.critical).length,
    };
  }, 120_000);
  afterAll(() => browser?.close());

  it('trace prints the order’s trace from Jaeger, the browser and all four services in it', () => {
    expect(answers.services).toBe(5);
    expect(answers.sql).toBeGreaterThan(5);
    expect(answers.critical).toBeGreaterThan(3);
  });

  it('lab check 1 passes with the answers read from that trace', async () => {
    const args = ['check', '1', '--order', orderId, '--services', String(answers.services), '--sql', String(answers.sql), '--critical', String(answers.critical)];
    const checked = await runTool('lab', args);
    expect(checked.stdout + checked.stderr).toContain('Done: every check passes');
    expect(checked.code).toBe(0);
  });

  it('lab check 1 fails, naming the question, when an answer is wrong', async () => {
    const args = ['check', '1', '--order', orderId, '--services', String(answers.services + 1), '--sql', String(answers.sql), '--critical', String(answers.critical)];
    const checked = await runTool('lab', args);
    expect(checked.stdout).toContain(`How many services? ${answers.services + 1} is not it.`);
    expect(checked.code).toBe(1);
  });

  it("trace --logs reads a failed order's log lines from every container, in time order", async () => {
    const placed = await createShopClient(endpoints.gatewayUrl).placeOrderWithFaults('orders.place=error:500');
    expect(placed.status).toBe(503);
    const traceId = String(placed.body?.error?.traceId ?? placed.headers.get('x-trace-id'));
    const logs = await launcher(['trace', '--logs', traceId]);
    expect(logs.code, logs.stderr).toBe(0);
    const lines = logs.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(' ').slice(1, 3).join(' '))).toEqual(['orders error', 'gateway error']);
  });

  it('fault set, list and clear reach the admin APIs over the compose network only', async () => {
    const set = await runTool('fault', ['set', 'payments.charge=latency:20ms', '--ttl', '120']);
    expect(set.code, set.stdout + set.stderr).toBe(0);
    const listed = await runTool('fault', ['list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('payments.charge=latency:20ms');
    for (const service of SERVICES) expect(listed.stdout).toContain(service);
    const cleared = await runTool('fault', ['clear']);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect((await runTool('fault', ['list'])).stdout).not.toContain('payments.charge=latency');
  });
});
