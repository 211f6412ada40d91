import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient, eventually, faultAdmin, stackEndpoints, TEST_CARDS, waitForTrace, type Trace } from '@tracebed/testkit';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'tools/trace/dist/cli.js');
// The native stack writes its logs to $TRACEBED_STATE/logs; a stack started another way
// (compose, another machine) keeps them elsewhere, and only TRACEBED_EXTERNAL_STACK=1 says so.
const external = process.env.TRACEBED_EXTERNAL_STACK === '1';
const logDir = path.join(process.env.TRACEBED_STATE ?? path.join(repoRoot, '.tracebed'), 'logs');

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const inventoryAdmin = faultAdmin(endpoints.adminUrls.inventory);
const env = { ...process.env, JAEGER_URL: endpoints.jaegerUrl, GATEWAY_URL: endpoints.gatewayUrl, TRACEBED_LOG_DIR: logDir };
const FAULT_MS = 150;

const traceCli = (args: string[]) => run(process.execPath, [cli, ...args], { env, cwd: repoRoot }).then((result) => result.stdout);

/** Places an approved order and waits for its whole trace, up to the stock committed after payment. */
async function placeTracedOrder(): Promise<Trace> {
  const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }], TEST_CARDS.approved);
  expect(placed.status).toBe(202);
  await shop.waitForStatus(placed.body.orderId, ['paid']);
  return waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) => t.spans.some((span) => span.name === 'stock.commit'));
}

async function placeOrders(count: number): Promise<Trace[]> {
  const traces: Trace[] = [];
  for (let index = 0; index < count; index++) traces.push(await placeTracedOrder());
  return traces;
}

describe('from a symptom to its cause with the trace CLI', () => {
  let good: Trace[];
  let slow: Trace[];

  beforeAll(async () => {
    good = await placeOrders(3);
    expect((await inventoryAdmin.set(`inventory.db=slow-query:${FAULT_MS}ms`, 120)).status).toBe(200);
    slow = await placeOrders(2);
    expect((await inventoryAdmin.clear()).status).toBe(204);
  });
  afterAll(async () => {
    await inventoryAdmin.clear();
  });

  it('--find with --min-duration lists the orders inventory was slow for, and none of the fast ones', async () => {
    const found = JSON.parse(await traceCli(['--find', '--service', 'inventory', '--min-duration', `${FAULT_MS}ms`, '--since', '3m', '--limit', '200', '--json'])) as { traceId: string; root: { service: string } }[];
    const ids = found.map((entry) => entry.traceId);
    expect(ids).toEqual(expect.arrayContaining(slow.map((t) => t.traceId)));
    for (const fast of good) expect(ids).not.toContain(fast.traceId);
    const text = await traceCli(['--find', '--service', 'inventory', '--min-duration', `${FAULT_MS}ms`, '--since', '3m', '--limit', '200']);
    expect(text).toMatch(new RegExp(`^${slow[0]!.traceId} {2}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +[\\d.]+ms +\\d+ +0 {2}gateway POST /api/orders$`, 'm'));
  });

  it('--compare of a fast order with a slow one shows an inventory query whose own time grew by about the fault, and blames inventory queries', async () => {
    // Not the first order: a service's first request after a start is slow for reasons of its own.
    const [a, b] = [good[1]!.traceId, slow[0]!.traceId];
    const json = JSON.parse(await traceCli(['--compare', a, b, '--json']));
    const queries = json.matched.filter((span: { service: string; name: string }) => span.service === 'inventory' && span.name.startsWith('pg.query'));
    expect(queries[0].deltaSelfMs).toBeGreaterThanOrEqual(FAULT_MS * 0.95);
    expect(queries[0].deltaSelfMs).toBeLessThan(FAULT_MS + 100);
    expect(json.matched[0]).toMatchObject({ service: 'inventory', deltaSelfMs: expect.any(Number) });
    // The fault runs a statement of its own before each one: B has more inventory queries than A.
    expect(json.onlyInB.some((span: { service: string; name: string }) => span.service === 'inventory' && span.name.startsWith('pg.query'))).toBe(true);

    const text = await traceCli(['--compare', a, b]);
    expect(text).toMatch(/^service +span +duration A +duration B +Δ +self A +self B +Δ self$/m);
    expect(text).toMatch(/^inventory +pg\.query:\S+ .*\+1[4-9]\d\.\dms$/m);
    const conclusion = text.trimEnd().split('\n').at(-1)!;
    expect(conclusion).toBe(json.conclusion);
    const extra = /^trace B took \+[\d.]+ms \(.*\); most of the extra time is self time of inventory pg\.query:\S+ \S+ \(\+([\d.]+) ms; \d+ such spans in B, \d+ in A\)$/.exec(conclusion);
    expect(extra, conclusion).not.toBeNull();
    expect(Number(extra![1])).toBeGreaterThanOrEqual(FAULT_MS);
  });

  it.skipIf(external)("--logs finds a failed order's log lines in the services' logs, oldest first", async () => {
    const failed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }], TEST_CARDS.approved, { 'x-fault': 'orders.place=error:500' });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const traceId: string = failed.body.error.traceId;
    // The line is written as the request fails; the poll covers the file not yet flushed.
    const text = await eventually(() => traceCli(['--logs', traceId]).catch(() => undefined), { timeoutMs: 5_000, description: `log lines of ${traceId}` });
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} (gateway|orders|inventory|payments) (info|warn|error)\s+\S+.* span_id=[0-9a-f]{8}$/);
    expect(text).toMatch(/ orders error +request\.failed /);
    const times = lines.map((line) => line.slice(0, 12));
    expect(times).toEqual([...times].sort());

    const nothing = await run(process.execPath, [cli, '--logs', '0'.repeat(32)], { env, cwd: repoRoot }).catch((error: { code: number; stderr: string }) => error);
    expect(nothing).toMatchObject({ code: 1, stderr: expect.stringContaining(`no log line with trace_id ${'0'.repeat(32)} in `) });
  });

  // Steps of 10 s, not minutes: a minute also holds the traffic of the test files before this one,
  // and a few slow orders among hundreds of fast spans do not reach that minute's p95.
  it('--red shows inventory in steps of time with the slow step marked as the highest p95', async () => {
    const text = await traceCli(['--red', '--service', 'inventory', '--since', '2m', '--step', '10s']);
    const [heading, columns, ...rows] = text.trimEnd().split('\n');
    expect(heading).toMatch(/^inventory server and consumer spans, by start time in steps of 10s: \d+ spans from \d+ traces \(limit 1500\)/);
    expect(columns).toMatch(/^step \(UTC\) +rate\/s +spans +errors +p50 +p95 +p95 bar$/);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const marked = rows.filter((row) => row.endsWith('◀ highest p95'));
    expect(marked).toHaveLength(1);
    const p95 = Number(/ ([\d.]+)ms +█+ ◀ highest p95$/.exec(marked[0]!)?.[1]);
    expect(p95).toBeGreaterThanOrEqual(FAULT_MS * 0.95);
  });
});
