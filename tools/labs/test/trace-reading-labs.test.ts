import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_EXCHANGE, QUEUES } from '@tracebed/contracts';
import { launchBrowser, waitForTrace, type TestBrowser, type Trace } from '@tracebed/testkit';
import { buildWaterfall } from '@tracebed/trace-reading';
import { check, endpoints, labContext, open, settledOrder } from './lab-harness';

const run = promisify(execFile);
const cli = path.resolve(__dirname, '..', 'dist', 'cli.js');

describe('lab 1: your first trace', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('passes for an order placed from the shop page with the right counts, and names every wrong one', async () => {
    const page = await browser.context.newPage();
    await page.goto(endpoints.gatewayUrl);
    await page.locator('#products li[data-sku="STICKERS"] button').click();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.locator('p[data-status="paid"]').waitFor({ timeout: 30_000 });
    const orderId = (await page.locator('#order-id').textContent())!;
    const traceId = (await page.locator('#trace-id').textContent())!;
    const settled = (t: Trace) => t.spans.some((span) => span.name === 'stock.commit') && t.spans.some((span) => span.service === 'shop-web' && !span.parentId);
    const trace = await waitForTrace(endpoints.jaegerUrl, traceId, settled);
    // Counted here from the raw spans: the statements carry the database semantic conventions.
    const statements = trace.spans.filter((span) => span.attributes['db.system.name'] === 'postgresql' && span.attributes['db.query.text'] !== undefined).length;
    const services = new Set(trace.spans.map((span) => span.service)).size;
    expect(services).toBe(5);
    // The rows the page shows in bold: the click's answer did not wait for anything after the queue.
    const critical = buildWaterfall(trace).rows.filter((row) => row.critical);
    expect(critical[0]?.span).toMatchObject({ service: 'shop-web', name: 'checkout.submit' });
    expect(critical.filter((row) => row.span.service === 'payments' || row.span.kind === 'consumer')).toEqual([]);

    const right = { order: orderId, services: String(services), sql: String(statements), critical: String(critical.length) };
    expect(open(await check(1, right))).toEqual([]);
    expect(open(await check(1, { ...right, services: '4', sql: String(statements + 1), critical: String(trace.spans.length) }))).toEqual([
      'How many services? 4 is not it.',
      `How many SQL statements? ${statements + 1} is not it.`,
      `How many spans on the critical path? ${trace.spans.length} is not it.`,
    ]);
  });

  it('does not pass an order placed with curl: the trace must start in the browser', async () => {
    const orderId = await settledOrder();
    const findings = await check(1, { order: orderId, services: '4', sql: '1' });
    expect(open(findings)[0]).toMatch(/its trace starts at gateway \(POST \/api\/orders\), not in the browser/);
  });
});

describe('lab 2: across the queue', () => {
  it('passes with the messages, exchange and queue of a paid order, and not with another queue', async () => {
    const orderId = await settledOrder();
    await waitForTrace(endpoints.jaegerUrl, (await labContext.order(orderId)).traceId!, (t) => t.spans.some((span) => span.name === 'stock.commit'));
    const right = { order: orderId, messages: '3', exchange: EVENTS_EXCHANGE, queue: QUEUES.paymentsOrderPlaced };
    expect(open(await check(2, right))).toEqual([]);
    expect(open(await check(2, { ...right, queue: QUEUES.ordersPaymentOutcome }))).toEqual([`Which queue did payments read from? ${QUEUES.ordersPaymentOutcome} is not it.`]);
  });
});

describe('pnpm lab', () => {
  it('exits 0 when every check passes, 1 while something is missing, 2 on a wrong call', async () => {
    const orderId = await settledOrder();
    const env = { ...process.env, GATEWAY_URL: endpoints.gatewayUrl, JAEGER_URL: endpoints.jaegerUrl };
    const passed = await run(process.execPath, [cli, 'check', '2', '--order', orderId, '--messages', '3', '--exchange', EVENTS_EXCHANGE, '--queue', QUEUES.paymentsOrderPlaced], { env });
    expect(passed.stdout).toContain('Done: every check passes.');
    expect(passed.stdout).toContain('✔ Why: a message carries the trace context in its headers');

    const failed = await run(process.execPath, [cli, 'check', '2', '--order', orderId], { env }).catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stdout: string }).stdout).toContain('How many messages did the order send? Answer with --messages <value>.');

    const wrongCall = await run(process.execPath, [cli, 'check', '99'], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(wrongCall).toMatchObject({ code: 2 });
    expect((wrongCall as { stderr: string }).stderr).toContain('there is no lab 99');
  });
});
