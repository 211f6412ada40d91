import { afterAll, describe, expect, it } from 'vitest';
import { FINAL_ORDER_STATUSES } from '@tracebed/contracts';
import { checkTraceIntegrity, connectToStack, createTestProduct, describeBrokenTraces, integrityLine, type PlacedOrder } from '@tracebed/testkit';

const { endpoints, shop, databases, close } = connectToStack();
const ORDERS = Number(process.env.TRACEBED_INTEGRITY_ORDERS ?? 200);
const POLL_MS = 300;
const FINAL = new Set<string>(FINAL_ORDER_STATUSES);

afterAll(close);

let refusedAsBusy = 0;

/**
 * Places one order, trying again after Retry-After while the shop answers 503 (200 orders at
 * once are more than two cores place within the gateway's 5 s), then asks for it every 300 ms
 * until it is final, as a waiting client does.
 */
async function placeAndFollow(sku: string): Promise<PlacedOrder & { status: string }> {
  let placed = await shop.placeOrder([{ sku, quantity: 1 }]);
  for (let attempt = 1; placed.status === 503 && attempt < 5; attempt++) {
    refusedAsBusy++;
    await new Promise((resolve) => setTimeout(resolve, 1_000 * Number(placed.headers.get('retry-after') ?? 1)));
    placed = await shop.placeOrder([{ sku, quantity: 1 }]);
  }
  if (placed.status !== 202) throw new Error(`order refused: HTTP ${placed.status} ${JSON.stringify(placed.body)}`);
  const { orderId, traceId } = placed.body as { orderId: string; traceId: string };
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    const { body } = await shop.getOrder(orderId);
    if (FINAL.has(body?.status)) return { orderId, traceId, shape: 'one item, approved card', status: body.status };
    if (Date.now() > giveUpAt) throw new Error(`order ${orderId} still ${body?.status} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

describe('traces under concurrency', () => {
  // Lookups of other orders run on the same pooled connections as each order's own work: a
  // span that follows a connection instead of its request shows up here as a foreign span.
  it(`gives ${ORDERS} identical orders placed at once, each polled until final, ${ORDERS} whole traces`, async () => {
    const sku = await createTestProduct(databases, { stock: ORDERS * 2 });
    const orders = await Promise.all(Array.from({ length: ORDERS }, () => placeAndFollow(sku)));
    expect(orders.filter((order) => order.status !== 'paid')).toEqual([]);

    const report = await checkTraceIntegrity(endpoints.jaegerUrl, orders);
    const kinds = report.shapes.get('one item, approved card') ?? [];
    console.log(`[trace-integrity] ${integrityLine(report)}; ${kinds.length} kinds of span per trace; placements refused as busy and tried again: ${refusedAsBusy}`);
    expect(report.broken, describeBrokenTraces(report)).toEqual([]);
    expect(report.whole).toBe(ORDERS);
    expect(report.foreignSpans).toBe(0);
  }, 240_000);
});
