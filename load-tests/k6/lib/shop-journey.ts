import { check, sleep } from 'k6';
import http from 'k6/http';
import { Trend } from 'k6/metrics';
import { journey } from './scenarios';
import { newTraceparent } from './traceparent';

const BASE_URL = __ENV.BASE_URL ?? 'http://127.0.0.1:8080';
const FINAL = ['paid', 'payment_failed', 'rejected'];

/** From POST /api/orders to the order's final status, the time a customer waits for the outcome. */
const orderCompletion = new Trend('order_completion_ms', true);

function traced(name: string) {
  const context = newTraceparent();
  return { context, params: { headers: { traceparent: context.header, 'content-type': 'application/json' }, tags: { name } } };
}

/** A failed check names the trace to open in Jaeger. */
function expect(name: string, ok: boolean, traceId: string): boolean {
  if (!check(null, { [name]: () => ok })) console.warn(`check failed: ${name}; trace ${traceId}`);
  return ok;
}

/** Browse, place one order, poll until it is final: what one customer does. */
export function shopJourney(): void {
  if (journey.browseProducts) {
    const browse = traced('list_products');
    const products = http.get(`${BASE_URL}/api/products`, browse.params);
    expect('products listed', products.status === 200, browse.context.traceId);
  }

  const place = traced('place_order');
  const placed = http.post(`${BASE_URL}/api/orders`, JSON.stringify({ items: journey.items, cardNumber: journey.cardNumber }), place.params);
  if (!expect('order accepted (202)', placed.status === 202, place.context.traceId)) return;
  const orderId = (placed.json() as { orderId: string }).orderId;
  const started = Date.now();

  let order: { status: string; createdAt?: string; updatedAt?: string } = { status: 'pending' };
  while (!FINAL.includes(order.status) && Date.now() - started < journey.pollTimeoutMs) {
    sleep(journey.pollIntervalMs / 1000);
    const poll = traced('get_order');
    const response = http.get(`${BASE_URL}/api/orders/${orderId}`, poll.params);
    if (response.status === 200) order = response.json() as typeof order;
  }
  if (expect('order final in time', FINAL.includes(order.status), place.context.traceId)) {
    // By the shop's own clock, as the native runner measures it: polling would round it up.
    const completion = Date.parse(order.updatedAt ?? '') - Date.parse(order.createdAt ?? '');
    orderCompletion.add(Number.isFinite(completion) ? completion : Date.now() - started);
  }
  expect('order paid', order.status === 'paid', place.context.traceId);
}
