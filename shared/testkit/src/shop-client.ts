import type { OrderLine, OrderStatus } from '@tracebed/contracts';
import { assertDescribedResponse } from './api-response-check';
import { eventually } from './eventually';

export interface ShopResponse<Body = any> {
  status: number;
  body: Body;
  headers: Headers;
}

export const TEST_CARDS = {
  approved: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
} as const;

/**
 * The public API as a user (or the shop page) calls it. Every response is held to the API
 * description (docs/openapi.json) for its route and status: one that departs from it throws.
 */
export function createShopClient(gatewayUrl: string) {
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ShopResponse> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const url = new URL(path, gatewayUrl);
    const response = await fetch(url, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text so a test can say what came back
    }
    assertDescribedResponse({ method, path: url.pathname, status: response.status, body: parsed });
    return { status: response.status, body: parsed, headers: response.headers };
  }

  return {
    call,
    listProducts: () => call('GET', '/api/products'),
    placeOrder: (items: OrderLine[], cardNumber: string = TEST_CARDS.approved, headers: Record<string, string> = {}) =>
      call('POST', '/api/orders', { items, cardNumber }, headers),
    /** Places an order carrying per-request faults in the X-Fault header. */
    placeOrderWithFaults: (faults: string, items: OrderLine[] = [{ sku: 'STICKERS', quantity: 1 }]) =>
      call('POST', '/api/orders', { items, cardNumber: TEST_CARDS.approved }, { 'x-fault': faults }),
    getOrder: (orderId: string) => call('GET', `/api/orders/${orderId}`),
    /** Waits until the order reaches one of the given statuses and returns it. */
    waitForStatus: (orderId: string, statuses: readonly OrderStatus[], timeoutMs = 15_000) =>
      eventually(
        async () => {
          const { status, body } = await call('GET', `/api/orders/${orderId}`);
          if (statuses.includes(body?.status)) return body;
          // Kept as the last error, so a timeout says where the order stood.
          throw new Error(`last seen: HTTP ${status}, ${JSON.stringify(body?.status ?? body)}`);
        },
        { timeoutMs, description: `order ${orderId} to reach ${statuses.join(' or ')}` },
      ),
  };
}

export type ShopClient = ReturnType<typeof createShopClient>;
