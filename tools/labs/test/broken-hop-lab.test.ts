import { afterAll, describe, expect, it } from 'vitest';
import { eventually, faultAdmin, type Trace } from '@tracebed/testkit';
import { check, endpoints, lab, labContext, open, settledOrder, shop } from './lab-harness';

type Caller = 'gateway' | 'orders';

/** Each hop, and the server span its callee roots a trace with when the hop loses the context. */
const HOPS = [
  { hop: 'gateway-orders', caller: 'gateway' as Caller, callee: 'orders', orphanRoot: 'POST /orders' },
  { hop: 'gateway-inventory', caller: 'gateway' as Caller, callee: 'inventory', orphanRoot: 'GET /products' },
  { hop: 'orders-inventory', caller: 'orders' as Caller, callee: 'inventory', orphanRoot: 'POST /reservations' },
];
type Hop = (typeof HOPS)[number];

const admins = { gateway: faultAdmin(endpoints.adminUrls.gateway), orders: faultAdmin(endpoints.adminUrls.orders) };

/** The hops that have a lose-context rule now, read straight from the callers' admin APIs. */
async function brokenHops(): Promise<string[]> {
  const listed = await Promise.all(
    HOPS.map(async (hop) => ((await admins[hop.caller].list()).body.rules as { rule: string }[]).some((rule) => rule.rule === `${hop.caller}.${hop.callee}=lose-context`)),
  );
  return HOPS.filter((_, index) => listed[index]).map((hop) => hop.hop);
}

const rootsOf = (trace: Trace) => trace.spans.filter((span) => !span.parentId || !trace.spans.some((other) => other.spanId === span.parentId));

/** Uses the shop across the hop, then finds the trace its callee started on its own: the learner's evidence. */
async function orphanOf(hop: Hop): Promise<string> {
  const sinceUs = (Date.now() - 1_000) * 1_000;
  if (hop.hop === 'gateway-inventory') expect((await shop.listProducts()).status).toBe(200);
  else await settledOrder();
  return eventually(
    async () => {
      const traces = await labContext.searchTraces({ service: hop.callee, startUs: sinceUs, endUs: (Date.now() + 1_000) * 1_000, limit: 100 });
      const orphan = traces.find((trace) => rootsOf(trace).some((root) => root.service === hop.callee && root.name === hop.orphanRoot && root.kind === 'server' && !root.parentId));
      return orphan?.traceId;
    },
    { timeoutMs: 15_000, intervalMs: 500, description: `a trace that ${hop.callee} started at ${hop.orphanRoot}` },
  );
}

afterAll(async () => {
  await lab(9).reset!(labContext);
});

describe('lab 9: the broken hop', () => {
  it('hides one broken hop, passes the hop with an orphaned trace as evidence, names a wrong hop, and reset mends it', async () => {
    await lab(9).start!(labContext);
    const [broken, ...others] = await brokenHops();
    expect(others).toEqual([]);
    const hop = HOPS.find((candidate) => candidate.hop === broken)!;
    const orphan = await orphanOf(hop);

    const solved = await check(9, { hop: hop.hop, orphan });
    expect(open(solved)).toEqual([]);
    expect(solved.at(-1)?.text).toMatch(new RegExp(`^Why: ${hop.caller} sends its calls to ${hop.callee} without traceparent`));

    const wrong = HOPS.find((candidate) => candidate.hop !== hop.hop)!.hop;
    expect(open(await check(9, { hop: wrong, orphan }))).toContain(`Which hop loses the trace context? ${wrong} is not it.`);
    expect(open(await check(9, { hop: hop.hop }))).toEqual(['Which trace did the called service start on its own? Answer with --orphan <traceId>.']);

    await lab(9).reset!(labContext);
    expect(await brokenHops()).toEqual([]);
    expect(open(await check(9, { hop: hop.hop, orphan }))).toEqual(['no hop loses the trace context for this lab']);
  }, 60_000);

  it.each(HOPS)('with $hop broken, passes $hop and an orphan that $callee started at $orphanRoot', async (hop) => {
    expect((await admins[hop.caller].set(`${hop.caller}.${hop.callee}=lose-context`, 3_600)).status).toBe(200);
    try {
      const orphan = await orphanOf(hop);
      expect(open(await check(9, { hop: hop.hop.replace('-', ' -> '), orphan }))).toEqual([]);
    } finally {
      await lab(9).reset!(labContext);
    }
  }, 60_000);

  it("refuses the order's own trace as the orphan: it starts at the gateway, where every trace starts", async () => {
    const hop = HOPS[2]!;
    expect((await admins.orders.set('orders.inventory=lose-context', 3_600)).status).toBe(200);
    try {
      const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
      await shop.waitForStatus(placed.body.orderId, ['paid']);
      const traceId = placed.body.traceId as string;
      // With the gateway's root span in: read as soon as orders' batch is in, the trace can
      // still seem to begin at orders (each service exports its own batches).
      const startsAtGateway = (trace: Trace | undefined) => trace?.spans.some((span) => span.service === 'gateway' && !span.parentId);
      await eventually(async () => {
        const trace = await labContext.traceIfAny(traceId);
        return startsAtGateway(trace) ? trace : undefined;
      }, { timeoutMs: 10_000, description: `trace ${traceId} with its gateway root in Jaeger` });
      expect(open(await check(9, { hop: hop.hop, orphan: traceId }))).toEqual([
        `trace ${traceId} begins at gateway's 'POST /api/orders': it was not started by inventory, which orders calls on the hop orders-inventory`,
      ]);
    } finally {
      await lab(9).reset!(labContext);
    }
  }, 60_000);
});
