import type { ShopClient } from './shop-client';

export interface LoadResult {
  accepted: string[];
  /** The accepted orders with the trace the gateway answered with, in the order of their answers. */
  placed: { orderId: string; traceId: string }[];
  /** Status code → how many requests got it (network failures count as 0). */
  statuses: Record<number, number>;
}

/**
 * Places `count` single-item orders, `concurrency` at a time, and reports what came back.
 * `afterEach` sees the running total, so a test can break something mid-run.
 */
export async function placeOrdersUnderLoad(
  shop: ShopClient,
  options: { count: number; concurrency: number; sku: string; afterEach?: (done: number, soFar: LoadResult) => Promise<void> | void },
): Promise<LoadResult> {
  const result: LoadResult = { accepted: [], placed: [], statuses: {} };
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < options.count) {
      next++;
      let status: number;
      try {
        const response = await shop.placeOrder([{ sku: options.sku, quantity: 1 }]);
        status = response.status;
        if (status === 202) {
          result.accepted.push(response.body.orderId);
          result.placed.push({ orderId: response.body.orderId, traceId: response.body.traceId });
        }
      } catch {
        status = 0;
      }
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      done++;
      await options.afterEach?.(done, result);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}
