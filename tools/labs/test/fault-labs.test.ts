import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { faultAdmin, findEvents, TEST_CARDS, waitForTrace, type Trace } from '@tracebed/testkit';
import { buildWaterfall } from '@tracebed/trace-reading';
import { check, endpoints, lab, labContext, open, settledOrder, shop } from './lab-harness';

const SERVICE_URLS = { orders: endpoints.adminUrls.orders, inventory: endpoints.adminUrls.inventory, payments: endpoints.adminUrls.payments } as const;

/** Which service holds an admin fault now, read straight from the admin APIs. */
async function servicesWithAdminFaults(): Promise<string[]> {
  const listed = await Promise.all(Object.entries(SERVICE_URLS).map(async ([service, url]) => ((await faultAdmin(url).list()).body.rules.length > 0 ? [service] : [])));
  return listed.flat();
}

afterAll(async () => {
  await lab(3).reset!(labContext);
  await lab(4).reset!(labContext);
});

/** Lab 3's evidence for each scene: the span with the extra self time, and about how much. */
const LAB_3_EVIDENCE: Record<string, { span: (name: string) => boolean; extraMs: number }> = {
  inventory: { span: (name) => name === 'stock.reserve', extraMs: 700 },
  orders: { span: (name) => name.startsWith('pg.query'), extraMs: 120 },
  payments: { span: (name) => name === 'payment.charge', extraMs: 700 },
};

describe('lab 3: find the slow service', () => {
  // Whatever an assertion says, no scene outlives this test to slow the next ones.
  afterEach(async () => {
    await lab(3).reset!(labContext);
  });

  it('hides one slow service whose trace shows the evidence, passes only the right answers, and reset takes it away', async () => {
    await lab(3).start!(labContext);
    const [slow, ...others] = await servicesWithAdminFaults();
    expect(others).toEqual([]);
    const wrong = Object.keys(SERVICE_URLS).find((service) => service !== slow)!;
    const evidence = LAB_3_EVIDENCE[slow!]!;

    // What the page tells the learner to read: the span of that service whose own time grew.
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    await shop.waitForStatus(placed.body.orderId, ['paid'], 30_000);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) => t.spans.some((span) => span.name === 'stock.commit'));
    // A consumer's untraced delivery ledger is slowed too and shows as self time of its
    // `process …` span; the page asks for the traced span that holds the delay.
    const slowest = buildWaterfall(trace)
      .rows.filter((row) => row.span.service === slow && !row.span.name.startsWith('process '))
      .sort((a, b) => b.selfTimeUs - a.selfTimeUs)[0]!;
    expect(evidence.span(slowest.span.name), slowest.span.name).toBe(true);
    expect(slowest.selfTimeUs / 1_000).toBeGreaterThan(evidence.extraMs * 0.9);
    const span = slowest.span.name;
    const extra = `${Math.round(slowest.selfTimeUs / 1_000)}ms`;

    const passed = await check(3, { service: slow, span, extra });
    expect(open(passed)).toEqual([]);
    expect(passed.at(-1)?.text).toMatch(/^Why: /);
    expect(open(await check(3, { service: wrong, span: 'order.place', extra: '5' }))).toEqual([
      `Which service is slow? ${wrong} is not it.`,
      'Which span holds the extra time? order.place is not it.',
      'About how much longer? 5 is not it.',
    ]);
    expect(open(await check(3, {}))).toEqual([
      'Which service is slow? Answer with --service <value>.',
      'Which span holds the extra time itself? Answer with --span <name>.',
      'About how much longer is it, each time? Answer with --extra <ms>.',
    ]);

    await lab(3).reset!(labContext);
    expect(await servicesWithAdminFaults()).toEqual([]);
    expect(open(await check(3, { service: slow }))).toEqual(['no service is slowed down for this lab']);
  }, 60_000);
});

describe('lab 4: diagnose failed payments', () => {
  it('makes payments flaky with start, and reset makes it reliable again', async () => {
    await lab(4).start!(labContext);
    expect((await faultAdmin(endpoints.adminUrls.payments).list()).body.rules.map((rule: { rule: string }) => rule.rule)).toEqual(['payments.charge=error:500@0.5']);
    await lab(4).reset!(labContext);
    expect(await servicesWithAdminFaults()).toEqual([]);
  });

  it('judges the declined order by its reason and error.type, and names each wrong answer', async () => {
    // Made deterministic: the card declines one order, a redelivery brings the other twice.
    const declined = await settledOrder({ card: TEST_CARDS.insufficientFunds });
    const retried = await settledOrder({ faults: 'payments.consume=redeliver' });
    const answers = { declined, reason: 'insufficient_funds', 'decline-type': 'insufficient_funds', retried, attempts: '2' };
    const onTheDecline = (texts: string[]) => texts.filter((text) => /decline|error\.type does the declined|receive the order/.test(text));
    expect(onTheDecline(open(await check(4, answers)))).toEqual([]);

    expect(onTheDecline(open(await check(4, { ...answers, reason: 'card_declined', 'decline-type': 'FaultInjectedError', attempts: '1' })))).toEqual([
      'Why did the card decline it? card_declined is not it.',
      'What error.type does the declined charge carry? FaultInjectedError is not it.',
      'How many times did payments receive the order? 1 is not it.',
    ]);
    const swapped = open(await check(4, { declined: retried, reason: 'x', retried: declined, attempts: '2' }));
    expect(swapped).toEqual([`order ${retried} is paid: its payment did not fail`, `order ${declined} is payment_failed, not paid`]);
  }, 60_000);
});

/** Orders placed under lab 4's own scene, until one is paid after payments failed on the way. */
async function orderPaidAfterAFailure(): Promise<{ orderId: string; trace: Trace }> {
  // Half of the charges fail, so each order has about an even chance; 20 in a row all paid at once is 1 in a million.
  for (let attempt = 1; attempt <= 20; attempt++) {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    expect(placed.status).toBe(202);
    const order = await shop.waitForStatus(placed.body.orderId, ['paid', 'payment_failed'], 60_000);
    if (order.status !== 'paid') continue;
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) => t.spans.some((span) => span.name === 'stock.commit'));
    if (trace.spans.filter((span) => span.kind === 'consumer' && span.service === 'payments').length >= 2) return { orderId: placed.body.orderId, trace };
  }
  throw new Error('20 orders in a row were paid at the first attempt: the scene did not make payments flaky');
}

describe('lab 4 on its own scene', () => {
  it('shows what the page asks for: the failed charge with its error.type, the retry scheduled, the declined card with its reason', async () => {
    await lab(4).start!(labContext);
    try {
      const declined = await settledOrder({ card: TEST_CARDS.declined, timeoutMs: 60_000 });
      const retried = await orderPaidAfterAFailure();
      const failedCharges = retried.trace.spans.filter((span) => span.service === 'payments' && span.name === 'payment.charge' && span.isError);
      expect(failedCharges.length).toBeGreaterThan(0);
      expect(failedCharges.every((span) => typeof span.attributes['error.type'] === 'string')).toBe(true);
      expect(findEvents(retried.trace, 'message.retry_scheduled').length).toBeGreaterThan(0);
      const deliveries = retried.trace.spans.filter((span) => span.kind === 'consumer' && span.service === 'payments').length;
      // The error.type of both failures, and the event the page names, are what the check asks for.
      expect(failedCharges[0]!.attributes['error.type']).toBe('FaultInjectedError');
      const answers = { declined, reason: 'card_declined', 'decline-type': 'card_declined', retried: retried.orderId, attempts: String(deliveries), 'failure-type': 'FaultInjectedError', 'retry-event': 'message.retry_scheduled' };
      const passed = await check(4, answers);
      expect(open(passed)).toEqual([]);
      expect(passed.at(-1)?.text).toMatch(/^Why: /);
      expect(open(await check(4, { ...answers, 'failure-type': 'card_declined', 'retry-event': 'exception' }))).toEqual([
        'What error.type does the failed charge carry? card_declined is not it.',
        'Which span event schedules the next delivery? exception is not it.',
      ]);
    } finally {
      await lab(4).reset!(labContext);
    }
  }, 240_000);
});

describe('lab 6: lost and duplicated messages', () => {
  it('passes once the duplicated order is charged once and the lost one has failed after three requests', async () => {
    const [duplicated, lost] = await Promise.all([
      settledOrder({ faults: 'payments.consume=duplicate' }),
      // Lost three times over: orders asks again after each payment timeout (15 s), then gives up.
      settledOrder({ faults: 'payments.consume=drop', timeoutMs: 90_000 }),
    ]);
    expect(open(await check(6, { duplicated, charges: '1', lost, requests: '3' }))).toEqual([]);
    expect(open(await check(6, { duplicated, charges: '2', lost, requests: '1' }))).toEqual([
      'How many times was the card charged? 2 is not it.',
      'How many times did orders ask payments to charge it? 1 is not it.',
    ]);
    expect(open(await check(6, { duplicated: lost, lost: duplicated }))).toEqual([`order ${lost} had no duplicated message`, `order ${duplicated} lost no message`]);
  }, 120_000);
});
