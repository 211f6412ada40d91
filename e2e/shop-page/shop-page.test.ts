import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  findEvents,
  findSpan,
  findSpans,
  launchBrowser,
  parentOf,
  rootsOf,
  servicesIn,
  stackEndpoints,
  waitForTrace,
  type Page,
  type TestBrowser,
  type Trace,
} from '@tracebed/testkit';
import { recentTraceIds } from '@tracebed/trace-reading';

type Locator = ReturnType<Page['locator']>;

const endpoints = stackEndpoints();
const has = (trace: Trace, service: string, name: string) => trace.spans.some((span) => span.service === service && span.name === name);
/** Charged, and the stock committed (paid) or released (declined): the saga is over. */
const settled = (trace: Trace) => has(trace, 'payments', 'payment.charge') && (has(trace, 'inventory', 'stock.commit') || has(trace, 'inventory', 'stock.release'));
let browser: TestBrowser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
  // A broken script, a CSP violation or a failed request shows up here, whichever test caused it.
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed requests are judged by their status below; the console only repeats them without the URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
  });
  await page.goto(endpoints.gatewayUrl);
});
afterAll(() => browser?.close());

/** The value a details panel gives for `name` (its `<dd>` after the `<dt>`). */
const valueOf = (scope: Locator, name: string) => scope.locator('dt').filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first().locator('xpath=following-sibling::dd[1]').textContent();

async function openFaultPanel(): Promise<void> {
  if ((await page.locator('#fault-panel').getAttribute('open')) === null) await page.locator('#fault-panel summary').click();
}

/** Orders one `sku` as a learner would, and waits until the page shows that order final. */
async function orderFromThePage(sku: string, faults = ''): Promise<{ orderId: string; status: string; traceId: string }> {
  await page.locator(`#products li[data-sku="${sku}"] button`).click();
  if (faults) {
    await openFaultPanel();
    await page.getByLabel('X-Fault').fill(faults);
  }
  const previousOrderId = (await page.locator('#order-id').count()) ? await page.locator('#order-id').textContent() : null;
  await page.getByRole('button', { name: 'Place order' }).click();
  return eventually(
    async () => {
      const orderId = await page.locator('#order-id').textContent({ timeout: 1_000 }).catch(() => null);
      const status = await page.locator('p[data-status]').getAttribute('data-status', { timeout: 1_000 }).catch(() => null);
      if (!orderId || orderId === previousOrderId || !status || status === 'pending') return undefined;
      return { orderId, status, traceId: (await page.locator('#trace-id').textContent()) ?? '' };
    },
    { timeoutMs: 30_000, description: 'the page to show the new order final' },
  );
}

describe('the shop page', () => {
  it('lists the products with their stock, loaded from the API', async () => {
    const products = (await (await fetch(new URL('/api/products', endpoints.gatewayUrl))).json()) as { products: { sku: string; name: string; stock: number }[] };
    await page.locator('#products li').first().waitFor();
    const shown = await page.locator('#products li').evaluateAll((items) => items.map((item) => [item.getAttribute("data-sku"), item.textContent]));
    expect(shown.map(([sku]) => sku)).toEqual(products.products.map((product) => product.sku));
    const stickers = products.products.find((product) => product.sku === 'STICKERS')!;
    expect(shown.find(([sku]) => sku === 'STICKERS')?.[1]).toContain(`${stickers.stock} in stock`);
  });

  it('places an order that gets paid, and its trace starts with the click in the browser', async () => {
    const { status, traceId } = await orderFromThePage('STICKERS');
    expect(status).toBe('paid');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const trace = await waitForTrace(endpoints.jaegerUrl, traceId, settled);
    const [root, ...otherRoots] = rootsOf(trace);
    expect(otherRoots).toEqual([]);
    expect(root).toMatchObject({ service: 'shop-web', name: 'checkout.submit', parentId: undefined });
    expect(root?.attributes).toMatchObject({ 'order.item_count': 1, 'order.total_cents': 400 });
    // The page's fetch carried traceparent: the gateway's server span is the fetch span's child.
    const gatewaySpan = findSpan(trace, { service: 'gateway', name: 'POST /api/orders' });
    const fetchSpan = parentOf(trace, gatewaySpan);
    expect(fetchSpan).toMatchObject({ service: 'shop-web', kind: 'client' });
    expect(parentOf(trace, fetchSpan!)).toBe(root);
    expect(servicesIn(trace)).toEqual(['gateway', 'inventory', 'orders', 'payments', 'shop-web']);
  });

  it('shows the same trace as a waterfall on the page, with a link to it in Jaeger', async () => {
    const traceId = (await page.locator('#trace-id').textContent()) ?? '';
    const rows = page.locator(`ol.waterfall[data-trace-id="${traceId}"] li`);
    await rows.first().waitFor({ timeout: 20_000 });
    const trace = await waitForTrace(endpoints.jaegerUrl, traceId, settled);
    await page.getByRole('button', { name: 'Read the trace again' }).click();
    await rows.first().waitFor();
    expect(await rows.count()).toBe(trace.spans.length);
    expect(await rows.first().getAttribute('data-service')).toBe('shop-web');
    expect(await page.locator('ol.waterfall li.is-critical').count()).toBeGreaterThan(3);
    expect(await page.getByRole('link', { name: 'View this trace in Jaeger' }).getAttribute('href')).toBe(new URL(`/trace/${traceId}`, 'http://127.0.0.1:16686').toString().replace('16686', new URL(endpoints.jaegerUrl).port));
  });

  it('attaches a fault from the fault panel to that one order, and the waterfall marks where it struck', async () => {
    await page.getByLabel('Test card').selectOption({ label: '4000 … 0002: declined' });
    const { status, traceId } = await orderFromThePage('STICKERS', 'orders.place=latency:300ms');
    await page.getByLabel('Test card').selectOption({ label: '4242 … 4242: approved' });
    expect(status).toBe('payment_failed');
    const trace = await waitForTrace(endpoints.jaegerUrl, traceId, settled);
    expect(rootsOf(trace)[0]?.attributes['fault.requested']).toBe('orders.place=latency:300ms');
    const [injected, ...more] = findEvents(trace, 'fault.injected');
    expect(more).toEqual([]);
    expect(injected?.span).toMatchObject({ service: 'orders', name: 'order.place' });
    const declined = findSpan(trace, { service: 'payments', name: 'payment.charge' });
    expect(declined.isError).toBe(true);

    const struck = page.locator(`ol.waterfall[data-trace-id="${traceId}"] li[data-span-id="${injected!.span.spanId}"]`);
    await struck.waitFor({ timeout: 20_000 });
    expect(await struck.textContent()).toContain('fault.injected');
    expect(await page.locator(`ol.waterfall li[data-span-id="${declined.spanId}"]`).getAttribute('class')).toContain('is-error');
    // The fault was for that order only: the panel is empty again.
    expect(await page.getByLabel('X-Fault').inputValue()).toBe('');
  });

  it("opens a span's details from its row, by click or by keyboard: attributes, events, kind, status and self time", async () => {
    const { orderId, status, traceId } = await orderFromThePage('STICKERS', 'orders.place=latency:50ms');
    expect(status).toBe('paid');
    const trace = await waitForTrace(endpoints.jaegerUrl, traceId, settled);
    const rows = page.locator(`ol.waterfall[data-trace-id="${traceId}"] li`);
    await rows.first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Read the trace again' }).click();
    await eventually(async () => ((await rows.count()) === trace.spans.length ? true : undefined), { timeoutMs: 10_000, description: 'every span of the trace on the page' });
    const details = page.locator('#span-details');
    expect(await details.isHidden()).toBe(true);

    const place = findSpan(trace, { service: 'orders', name: 'order.place' });
    await page.locator(`ol.waterfall li[data-span-id="${place.spanId}"]`).click();
    await details.waitFor();
    expect(await details.getByRole('heading', { level: 4 }).textContent()).toBe('orders: order.place');
    expect(await valueOf(details, 'order.id')).toBe(orderId);
    expect(await valueOf(details, 'Kind')).toBe('internal');
    expect(await valueOf(details, 'Status')).toBe('UNSET');
    expect(await valueOf(details, 'Self time')).toMatch(/^[\d.]+ ms \(\d+%\): no child running$/);
    // The injected 50 ms are its own time, and the answer waited for them.
    expect(await valueOf(details, 'Critical path')).toMatch(/^[\d.]+ ms \(\d+%\) of its own time on the path$/);
    const event = details.locator('.span-event');
    expect(await event.locator('strong').allTextContents()).toEqual(['fault.injected']);
    expect(await valueOf(event, 'fault.kind')).toBe('latency');
    expect(await valueOf(event, 'fault.delay_ms')).toBe('50');

    // Keyboard users reach the row's button with Tab and open it with Enter or Space.
    const [statement] = findSpans(trace, { service: 'orders', name: /^pg\.query:INSERT/ });
    const statementButton = page.locator(`ol.waterfall li[data-span-id="${statement!.spanId}"] button`);
    await statementButton.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => ((await details.getAttribute('data-span-id')) === statement!.spanId ? true : undefined), { timeoutMs: 5_000, description: 'the statement’s details' });
    expect(await statementButton.getAttribute('aria-expanded')).toBe('true');
    expect(await valueOf(details, 'db.system.name')).toBe('postgresql');
    expect(await valueOf(details, 'Kind')).toBe('client');

    await page.getByRole('button', { name: 'Close the span details' }).click();
    expect(await details.isHidden()).toBe(true);
    expect(await statementButton.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Space');
    await details.waitFor();
    expect(await details.getAttribute('data-span-id')).toBe(statement!.spanId);
    // Opening moves focus into the panel; Escape closes it and gives focus back to the row, so
    // Enter opens the same span again.
    await page.keyboard.press('Escape');
    expect(await details.isHidden()).toBe(true);
    expect(await statementButton.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await details.waitFor();
    expect(await details.getAttribute('data-span-id')).toBe(statement!.spanId);
  });

  it('says why an order was refused, when the fault is not valid grammar', async () => {
    await page.locator(`#products li[data-sku="STICKERS"] button`).click();
    await openFaultPanel();
    await page.getByLabel('X-Fault').fill('payments.charge=explode');
    await page.getByRole('button', { name: 'Place order' }).click();
    const problem = page.locator('#order-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/HTTP 400/);
    expect(await problem.textContent()).toContain('explode');
  });

  it('traces its own document load, and nothing on the page broke', async () => {
    const recent = await recentTraceIds(endpoints.jaegerUrl, 'shop-web', 50);
    const traces = await Promise.all(recent.map((id) => waitForTrace(endpoints.jaegerUrl, id, () => true, 10_000, 0)));
    expect(traces.some((trace) => trace.spans.some((span) => span.name === 'documentLoad'))).toBe(true);
    expect(problems).toEqual([]);
  });
});
