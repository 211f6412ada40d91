import { createLabContext, LABS, runCheck, type Answers, type Finding, type Lab } from '../src';
import { adminToken, createShopClient, stackEndpoints, TEST_CARDS } from '@tracebed/testkit';

export const endpoints = stackEndpoints();
export const shop = createShopClient(endpoints.gatewayUrl);

/** The labs' view of the stack under test, as `pnpm lab` would have it from its environment. */
export const labContext = createLabContext({
  GATEWAY_URL: endpoints.gatewayUrl,
  JAEGER_URL: endpoints.jaegerUrl,
  GATEWAY_ADMIN_URL: endpoints.adminUrls.gateway,
  ORDERS_ADMIN_URL: endpoints.adminUrls.orders,
  INVENTORY_ADMIN_URL: endpoints.adminUrls.inventory,
  PAYMENTS_ADMIN_URL: endpoints.adminUrls.payments,
  FAULT_ADMIN_TOKEN: adminToken(),
});

export const lab = (number: number): Lab => LABS.find((candidate) => candidate.number === number)!;

export const check = (number: number, answers: Answers): Promise<Finding[]> => runCheck(lab(number), labContext, answers);

/** The findings a learner still has to fix, as text, so a failing test shows them. */
export const open = (findings: Finding[]) => findings.filter((finding) => !finding.ok).map((finding) => finding.text);

/** Places an order through the API and waits until it is final. */
export async function settledOrder(options: { card?: string; faults?: string; timeoutMs?: number } = {}): Promise<string> {
  const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }], options.card ?? TEST_CARDS.approved, options.faults ? { 'x-fault': options.faults } : {});
  if (placed.status !== 202) throw new Error(`order refused: ${placed.status} ${JSON.stringify(placed.body)}`);
  await shop.waitForStatus(placed.body.orderId, ['paid', 'payment_failed', 'rejected'], options.timeoutMs ?? 20_000);
  return placed.body.orderId as string;
}
