import type { Tracer } from '@opentelemetry/api';
import { FINAL_ORDER_STATUSES } from '@tracebed/contracts';
import { endClientSpan, startClientSpan } from './client-span';
import type { Recorder } from './recorder';
import type { Journey } from './scenario-file';
import { traceContextHeaders } from './traceparent';

export const FINAL = new Set<string>(FINAL_ORDER_STATUSES);
const REQUEST_TIMEOUT_MS = 10_000;

export interface JourneyDeps {
  baseUrl: string;
  journey: Journey;
  recorder: Recorder;
  /** Makes the runner's span for each request (see span-export.ts). */
  tracer: Tracer;
  /** Headers for every request of the journey, e.g. an X-Fault. */
  headers?: Record<string, string>;
}

interface Answer {
  status: number;
  body: unknown;
  traceId: string;
  /** The span this runner made for the request: the parent of the gateway's span. */
  spanId: string;
}

/** One request, traced from here: recorded as a sample, its span the root of the request's trace. */
async function call(deps: JourneyDeps, name: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const url = new URL(path, deps.baseUrl);
  const span = startClientSpan(deps.tracer, name, method, url);
  const { traceId, spanId } = span.spanContext();
  const startedAt = Date.now();
  let status = 0; // no answer: refused, reset or timed out
  let parsed: unknown;
  try {
    const response = await fetch(url, {
      method,
      headers: { ...traceContextHeaders(span), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...deps.headers },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = response.status;
    parsed = await response.json().catch(() => undefined);
    endClientSpan(span, { status });
  } catch (error) {
    endClientSpan(span, { error });
  }
  const endedAt = Date.now();
  deps.recorder.request({ name, atMs: startedAt - deps.recorder.startedAt, durationMs: endedAt - startedAt, status, failed: status === 0 || status >= 400, traceId });
  return { status, body: parsed, traceId, spanId };
}

function check(deps: JourneyDeps, name: string, ok: boolean, traceId: string): boolean {
  deps.recorder.check({ name, atMs: deps.recorder.now(), ok, traceId });
  return ok;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface OrderView {
  status: string;
  createdAt?: string;
  updatedAt?: string;
}

/**
 * From acceptance to the final status, by the shop's own clock (createdAt → updatedAt): exact,
 * where the time the poll saw it would round up to the poll interval.
 */
export function completionMs(order: OrderView, placedAt: number): number {
  const created = Date.parse(order.createdAt ?? '');
  const updated = Date.parse(order.updatedAt ?? '');
  return Number.isFinite(created) && Number.isFinite(updated) ? updated - created : Date.now() - placedAt;
}

/** Browse, place one order, poll until it is final: the same journey as the k6 scripts. */
export async function runShopJourney(deps: JourneyDeps): Promise<void> {
  const { journey } = deps;
  if (journey.browseProducts) {
    const products = await call(deps, 'list_products', 'GET', '/api/products');
    check(deps, 'products listed', products.status === 200, products.traceId);
  }
  const placedAt = Date.now();
  const placed = await call(deps, 'place_order', 'POST', '/api/orders', { items: journey.items, cardNumber: journey.cardNumber });
  if (!check(deps, 'order accepted (202)', placed.status === 202, placed.traceId)) {
    deps.recorder.journey({ atMs: placedAt - deps.recorder.startedAt, accepted: false, completionMs: undefined, finalStatus: undefined, traceId: placed.traceId });
    return;
  }
  const orderId = (placed.body as { orderId: string }).orderId;
  let order: OrderView = { status: 'pending' };
  while (!FINAL.has(order.status) && Date.now() - placedAt < journey.pollTimeoutMs) {
    await sleep(journey.pollIntervalMs);
    const poll = await call(deps, 'get_order', 'GET', `/api/orders/${orderId}`);
    if (poll.status === 200) order = poll.body as OrderView;
  }
  const final = check(deps, 'order final in time', FINAL.has(order.status), placed.traceId);
  check(deps, 'order paid', order.status === 'paid', placed.traceId);
  deps.recorder.journey({ atMs: placedAt - deps.recorder.startedAt, accepted: true, orderId, completionMs: final ? completionMs(order, placedAt) : undefined, finalStatus: final ? order.status : undefined, traceId: placed.traceId, placeSpanId: placed.spanId });
}
