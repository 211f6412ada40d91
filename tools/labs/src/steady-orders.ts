/** What a steady stream of orders got back from the shop. */
export interface SteadyOrdersResult {
  placed: number;
  refused: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function placeOne(gatewayUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/api/orders', gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ sku: 'STICKERS', quantity: 1 }], cardNumber: '4242 4242 4242 4242' }),
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    return response.status === 202;
  } catch {
    return false;
  }
}

/**
 * Orders at a fixed rate for a while, as a shop's steady traffic: each starts on its schedule
 * whatever the ones before it are waiting for, so a slow shop shows as slow answers, not as
 * fewer orders.
 */
export async function placeSteadyOrders(gatewayUrl: string, options: { perSecond: number; durationMs: number }): Promise<SteadyOrdersResult> {
  const startedAt = Date.now();
  const count = Math.floor((options.durationMs / 1000) * options.perSecond);
  const answers: Promise<boolean>[] = [];
  for (let i = 0; i < count; i++) {
    await sleep(Math.max(0, startedAt + (i * 1000) / options.perSecond - Date.now()));
    answers.push(placeOne(gatewayUrl));
  }
  const accepted = (await Promise.all(answers)).filter(Boolean).length;
  return { placed: accepted, refused: count - accepted };
}
