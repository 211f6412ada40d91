import { createShopClient, isStackReady, stackEndpoints, waitForTrace, type Trace } from '@tracebed/testkit';

const FINAL_SPANS = ['gateway POST /api/orders', 'orders order.settle', 'payments payment.charge', 'inventory stock.commit'];
const isWhole = (trace: Trace) => FINAL_SPANS.every((wanted) => trace.spans.some((span) => `${span.service} ${span.name}` === wanted));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The compose stack must already answer on its published ports: these tests never start it
 * (infra/docker/run-tests.sh does). Its first order's whole trace is timed here, before any
 * test adds load: the figure a newcomer meets after `up`.
 */
export default async function setup(): Promise<void> {
  const endpoints = stackEndpoints();
  if (!(await isStackReady(endpoints))) {
    throw new Error(`the compose stack does not answer at ${endpoints.gatewayUrl} and ${endpoints.jaegerUrl}: run infra/docker/run-tests.sh, or make up ENGINE=docker`);
  }
  const shop = createShopClient(endpoints.gatewayUrl);
  const placedAt = Date.now();
  const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
  if (placed.status !== 202) throw new Error(`the first order got HTTP ${placed.status}: ${JSON.stringify(placed.body)}`);
  await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, isWhole, 60_000, 0);
  const wholeAt = Date.now();
  const upStartedAt = Number(process.env.TRACEBED_UP_STARTED_MS);
  const sinceUp = upStartedAt > 0 ? `, ${seconds(wholeAt - upStartedAt)} after \`up\` began` : '';
  console.log(`[compose] first whole trace in Jaeger ${seconds(wholeAt - placedAt)} after its order was placed${sinceUp}`);
}
