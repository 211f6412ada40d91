import { createAdminClient, readAdminConfig, type AdminClient } from '@tracebed/fault-admin-client';
import { fetchTrace, type Trace } from '@tracebed/trace-reading';
import { stop } from './findings';
import { searchTraces, type TraceSearch } from './jaeger-search';

export type ServiceName = 'gateway' | 'orders' | 'inventory' | 'payments';

/** An order as the shop's API shows it. */
export interface ShopOrder {
  orderId: string;
  status: 'pending' | 'paid' | 'payment_failed' | 'rejected';
  totalCents: number;
  rejectionReason: string | null;
  traceId: string | null;
  createdAt: string;
}

/** What a lab reaches: the shop's API, Jaeger's query API, and each service's fault admin API. */
export interface LabContext {
  gatewayUrl: string;
  jaegerUrl: string;
  admin(service: ServiceName): AdminClient;
  /** The order, or the check stops saying it does not exist. */
  order(orderId: string): Promise<ShopOrder>;
  /** The order's trace, once Jaeger holds it and no span has arrived for a moment. */
  orderTrace(order: ShopOrder): Promise<Trace>;
  /** The trace as Jaeger has it now, or undefined when Jaeger has none of its spans. */
  traceIfAny(traceId: string): Promise<Trace | undefined>;
  /** The traces in which a service has a span that started in a window of time. */
  searchTraces(search: TraceSearch): Promise<Trace[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createLabContext(env: NodeJS.ProcessEnv, options: { allowRemote?: boolean } = {}): LabContext {
  const gatewayUrl = env.GATEWAY_URL ?? `http://127.0.0.1:${env.GATEWAY_PORT ?? 8080}`;
  const jaegerUrl = env.JAEGER_URL ?? `http://127.0.0.1:${env.JAEGER_UI_PORT ?? 16686}`;
  const admin = readAdminConfig(env, { allowRemote: options.allowRemote ?? false, allowRemoteHint: 'pass --allow-remote' });

  async function order(orderId: string): Promise<ShopOrder> {
    if (!UUID.test(orderId)) stop(`'${orderId}' is not an order id`, 'an order id looks like 0b6f3c7e-8d1a-4c55-9e2f-1a2b3c4d5e6f; the shop page shows it under "Your order"');
    let response: Response;
    try {
      response = await fetch(new URL(`/api/orders/${orderId}`, gatewayUrl), { signal: AbortSignal.timeout(5_000) });
    } catch {
      return stop(`the shop does not answer at ${gatewayUrl}`, 'is the stack up? `make up` starts it, `make status` shows it');
    }
    if (response.status === 404) stop(`the shop has no order ${orderId}`, 'copy the id from the shop page (or from the 202 answer of POST /api/orders)');
    if (!response.ok) stop(`the shop answered ${response.status} for order ${orderId}`);
    return (await response.json()) as ShopOrder;
  }

  async function orderTrace(shopOrder: ShopOrder): Promise<Trace> {
    if (!shopOrder.traceId) return stop(`order ${shopOrder.orderId} has no trace id`, 'was it placed while tracing was off?');
    // Spans arrive in batches from five processes: read until the count holds still.
    let previous: Trace | undefined;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      let current: Trace | undefined;
      try {
        current = await fetchTrace(jaegerUrl, shopOrder.traceId, { timeoutMs: 5_000 });
      } catch {
        return stop(`Jaeger does not answer at ${jaegerUrl}`, 'is the stack up? `make status` shows it');
      }
      if (current && previous && current.spans.length === previous.spans.length) return current;
      previous = current;
      await sleep(500);
    }
    return previous ?? stop(`Jaeger has no trace ${shopOrder.traceId} for order ${shopOrder.orderId}`, 'spans reach Jaeger within a second or two; was the order placed against this stack?');
  }

  async function traceIfAny(traceId: string): Promise<Trace | undefined> {
    try {
      return await fetchTrace(jaegerUrl, traceId, { timeoutMs: 5_000 });
    } catch {
      return stop(`Jaeger does not answer at ${jaegerUrl}`, 'is the stack up? `make status` shows it');
    }
  }

  async function search(query: TraceSearch): Promise<Trace[]> {
    try {
      return await searchTraces(jaegerUrl, query);
    } catch {
      return stop(`Jaeger does not answer a search at ${jaegerUrl}`, 'is the stack up? `make status` shows it');
    }
  }

  return {
    gatewayUrl,
    jaegerUrl,
    traceIfAny,
    searchTraces: search,
    admin: (service) => createAdminClient({ url: admin.urls[service], token: admin.token() }),
    order,
    orderTrace,
  };
}
