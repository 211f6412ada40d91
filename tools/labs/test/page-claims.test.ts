import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_CARDS, waitForTrace, type Trace } from '@tracebed/testkit';
import { endpoints, shop } from './lab-harness';

const workshop = path.resolve(__dirname, '..', '..', '..', 'docs', 'workshop');

/** Names a page points at that no trace of the shop as it is can hold, and where they are checked. */
const NOT_IN_THE_SHOP: Record<string, string> = {
  'card.authorize': "the span learners add in lab 5; custom-span-lab.test.ts runs payments with it",
  'payment.amount_cents': "an attribute of lab 5's span; custom-span-lab.test.ts",
};

/** Every `dotted.name` in backticks on the lab pages: the spans, attributes and events they send learners to. */
function namesOnThePages(): Map<string, string[]> {
  const pages = readdirSync(workshop).filter((file) => /^\d\d-.*\.md$/.test(file));
  const named = new Map<string, string[]>();
  for (const page of pages) {
    for (const [, name] of readFileSync(path.join(workshop, page), 'utf8').matchAll(/`([a-z_]+(?:\.[a-z_0-9]+)+)`/g)) {
      named.set(name!, [...(named.get(name!) ?? []), page]);
    }
  }
  return named;
}

/** Everything a learner can find in a trace: span and event names, attribute keys, string values. */
function namesIn(traces: Trace[]): Set<string> {
  const names = new Set<string>();
  const addAttributes = (attributes: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(attributes)) {
      names.add(key);
      if (typeof value === 'string') names.add(value);
    }
  };
  for (const span of traces.flatMap((trace) => trace.spans)) {
    names.add(span.name);
    addAttributes(span.attributes);
    for (const event of span.events) {
      names.add(event.name);
      addAttributes(event.attributes);
    }
  }
  return names;
}

const has = (trace: Trace, name: string) => trace.spans.some((span) => span.name === name || span.events.some((event) => event.name === name));

/** An order placed as a lab has learners place it, and its trace once it holds `until`. */
async function orderTrace(until: string, options: { card?: string; faults?: string } = {}): Promise<Trace> {
  const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }], options.card ?? TEST_CARDS.approved, options.faults ? { 'x-fault': options.faults } : {});
  expect(placed.status).toBe(202);
  return waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (trace) => has(trace, until), 40_000);
}

describe('what the lab pages tell learners to look for', () => {
  it('is in the traces of the orders the labs have them place', async () => {
    const traces = await Promise.all([
      orderTrace('stock.commit'),
      orderTrace('stock.release', { card: TEST_CARDS.declined }),
      orderTrace('stock.commit', { faults: 'payments.consume=duplicate' }),
      // Lab 4's failure, for this order only: the first charge fails and a retry is scheduled.
      orderTrace('message.retry_scheduled', { faults: 'payments.charge=error' }),
      // Lab 6's lost message: orders notices after its 15 s timeout.
      orderTrace('order.payment_timeout', { faults: 'payments.consume=drop' }),
    ]);
    const found = namesIn(traces);
    const missing = [...namesOnThePages()].filter(([name]) => !found.has(name) && !(name in NOT_IN_THE_SHOP)).map(([name, pages]) => `${name} (${pages.join(', ')})`);
    expect(missing).toEqual([]);
  }, 90_000);

  it('names nothing in its exceptions that the pages no longer mention', () => {
    const named = namesOnThePages();
    expect(Object.keys(NOT_IN_THE_SHOP).filter((name) => !named.has(name))).toEqual([]);
  });
});
