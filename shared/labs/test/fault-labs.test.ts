import { afterAll, describe, expect, it } from 'vitest';
import { faultAdmin, findEvents, TEST_CARDS, waitForTrace, type Trace } from '@tracebed/testkit';
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

describe('lab 3: find the slow service', () => {
  it('hides one slow service, passes only the right answer, and reset takes it away', async () => {
    await lab(3).start!(labContext);
    const [slow, ...others] = await servicesWithAdminFaults();
    expect(others).toEqual([]);
    const wrong = Object.keys(SERVICE_URLS).find((service) => service !== slow)!;

    expect(open(await check(3, { service: slow }))).toEqual([]);
    expect(open(await check(3, { service: wrong }))).toEqual([`Which service is slow? ${wrong} is not it.`]);
    expect(open(await check(3, {}))).toEqual(['Which service is slow? Answer with --service <value>.']);

    await lab(3).reset!(labContext);
    expect(await servicesWithAdminFaults()).toEqual([]);
    expect(open(await check(3, { service: slow }))).toEqual(['no service is slowed down for this lab']);
  });
});

describe('lab 4: diagnose failed payments', () => {
  it('makes payments flaky with start, and reset makes it reliable again', async () => {
    await lab(4).start!(labContext);
    expect((await faultAdmin(endpoints.adminUrls.payments).list()).body.rules.map((rule: { rule: string }) => rule.rule)).toEqual(['payments.charge=error:500@0.5']);
    await lab(4).reset!(labContext);
    expect(await servicesWithAdminFaults()).toEqual([]);
  });

  it('passes with a declined order and its reason, and an order paid on its second delivery', async () => {
    // The scene made deterministic: the card declines one order, a redelivery retries the other.
    const declined = await settledOrder({ card: TEST_CARDS.insufficientFunds });
    const retried = await settledOrder({ faults: 'payments.consume=redeliver' });
    expect(open(await check(4, { declined, reason: 'insufficient_funds', retried, attempts: '2' }))).toEqual([]);

    expect(open(await check(4, { declined, reason: 'card_declined', retried, attempts: '1' }))).toEqual([
      'Why did the card decline it? card_declined is not it.',
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
      expect(open(await check(4, { declined, reason: 'card_declined', retried: retried.orderId, attempts: String(deliveries) }))).toEqual([]);
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
