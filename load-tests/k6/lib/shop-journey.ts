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

  let status = 'pending';
  while (!FINAL.includes(status) && Date.now() - started < journey.pollTimeoutMs) {
    sleep(journey.pollIntervalMs / 1000);
    const poll = traced('get_order');
    const response = http.get(`${BASE_URL}/api/orders/${orderId}`, poll.params);
    if (response.status === 200) status = (response.json() as { status: string }).status;
  }
  if (expect('order final in time', FINAL.includes(status), place.context.traceId)) orderCompletion.add(Date.now() - started);
  expect('order paid', status === 'paid', place.context.traceId);
}
