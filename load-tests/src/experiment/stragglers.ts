import type { JourneySample } from '../recorder';
import { completionMs, FINAL, type OrderView } from '../shop-journey';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Journeys stop polling after the scenario's poll timeout; the hypothesis may allow an order
 * longer than that. Follows the accepted orders still not final until they are, or until their
 * deadline (acceptance + withinS), and records what they became: by the shop's timestamps, so
 * the time to final is exact even when it is read late. Answers how many it followed.
 */
export async function followStragglers(journeys: JourneySample[], baseUrl: string, startedAt: number, withinS: number): Promise<number> {
  const pending = journeys.filter((journey) => journey.accepted && journey.finalStatus === undefined && journey.orderId);
  await Promise.all(
    pending.map(async (journey) => {
      const deadline = startedAt + journey.atMs + withinS * 1000;
      // At least one look, even past the deadline: the shop's own timestamps say when it ended.
      for (let first = true; first || Date.now() < deadline; first = false) {
        const order = (await fetch(new URL(`/api/orders/${journey.orderId}`, baseUrl), { signal: AbortSignal.timeout(5_000) })
          .then((response) => (response.ok ? response.json() : undefined))
          .catch(() => undefined)) as OrderView | undefined;
        if (order && FINAL.has(order.status)) {
          journey.finalStatus = order.status;
          journey.completionMs = completionMs(order, startedAt + journey.atMs);
          return;
        }
        if (Date.now() < deadline) await sleep(1_000);
      }
    }),
  );
  return pending.length;
}
