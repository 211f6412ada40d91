import { arrivalTimes } from './arrivals';
import type { Scenario } from './scenario-file';

/** How many journeys the scenario will start. */
export function expectedJourneys(scenario: Scenario): number {
  return scenario.shape.kind === 'iterations' ? scenario.shape.iterations : arrivalTimes(scenario.shape.stages).length;
}

/**
 * Refuses to start a run the shop cannot serve: out of stock, every order would be rejected and
 * the run would measure that instead. Answers what is missing, or undefined when all is there.
 */
export async function missingStock(baseUrl: string, scenario: Scenario, journeys = expectedJourneys(scenario)): Promise<string | undefined> {
  const response = await fetch(new URL('/api/products', baseUrl), { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  if (!response?.ok) return `the shop at ${baseUrl} does not list its products: is it up (make up)?`;
  const { products } = (await response.json()) as { products: { sku: string; stock: number }[] };
  for (const item of scenario.journey.items) {
    const needed = item.quantity * journeys;
    const stock = products.find((product) => product.sku === item.sku)?.stock ?? 0;
    if (stock < needed) return `${item.sku} has ${stock} in stock, the run needs ${needed}: \`make clean && make up\` starts the shop afresh`;
  }
  return undefined;
}
