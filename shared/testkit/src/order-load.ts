import type { ShopClient } from './shop-client';

export interface LoadResult {
  accepted: string[];
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
  const result: LoadResult = { accepted: [], statuses: {} };
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < options.count) {
      next++;
      let status: number;
      try {
        const response = await shop.placeOrder([{ sku: options.sku, quantity: 1 }]);
        status = response.status;
        if (status === 202) result.accepted.push(response.body.orderId);
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
