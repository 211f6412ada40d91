// The shop's public API as the page uses it. Every call goes to the page's own origin.
// Only types come from the contracts: the page stays free of zod.
import type { FinalOrderStatus, OrderStatus, OrderView, Product } from '@tracebed/contracts';

export type { OrderStatus, Product };
export type Order = OrderView;

export interface SpanEvent {
  name: string;
  /** From the start of the trace. */
  offsetMs: number;
  attributes: Record<string, unknown>;
}

/** One span of a trace as the gateway's trace lookup sends it, its details cut to size. */
export interface WaterfallSpan {
  spanId: string;
  parentId: string | null;
  service: string;
  name: string;
  kind: string | null;
  depth: number;
  offsetMs: number;
  durationMs: number;
  /** Time with none of its children running. */
  selfTimeMs: number;
  error: boolean;
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message: string | null };
  critical: boolean;
  /** How long it held up the end of the trace's root. */
  criticalMs: number;
  orphan: boolean;
  attributes: Record<string, unknown>;
  events: SpanEvent[];
  links: { traceId: string; spanId: string; type: string }[];
  /** What the gateway left out to keep the answer small. */
  omitted: { attributes: number; events: number; eventAttributes: number; links: number };
}

export interface TraceWaterfall {
  traceId: string;
  durationMs: number;
  services: string[];
  spans: WaterfallSpan[];
}

/** An answer that was not 2xx, with the API's typed error when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly traceId: string | null,
  ) {
    super(message);
  }
}

async function readJson<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => undefined)) as { error?: { code: string; message: string; traceId?: string } } | undefined;
  if (!response.ok) {
    const error = body?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? `the shop answered ${response.status}`, error?.traceId ?? null);
  }
  return body as T;
}

/** FINAL_ORDER_STATUSES of the contracts, which a test holds this to. */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['paid', 'payment_failed', 'rejected'] satisfies FinalOrderStatus[];

export const shopApi = {
  listProducts: async () => (await readJson<{ products: Product[] }>(await fetch('/api/products'))).products,

  /** Starts the request at once (the caller's trace context is read when fetch is called). */
  placeOrder(items: { sku: string; quantity: number }[], cardNumber: string, faults: string): Promise<Order> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (faults.trim()) headers['x-fault'] = faults.trim();
    return fetch('/api/orders', { method: 'POST', headers, body: JSON.stringify({ items, cardNumber }) }).then((response) => readJson<Order>(response));
  },

  getOrder: async (orderId: string) => readJson<Order>(await fetch(`/api/orders/${orderId}`)),

  getTrace: async (traceId: string) => readJson<TraceWaterfall>(await fetch(`/api/traces/${traceId}`)),
};
