#!/usr/bin/env node
import { runLoad } from './run-load';
import { loadScenario, scenarioNames } from './scenario-file';
import { missingStock } from './stock-check';
import { summarize } from './summary';

const USAGE = `Usage: pnpm load <scenario>      (make load SCENARIO=<scenario>)

Runs a scenario of load-tests/scenarios.json against the shop, natively (no k6 needed), and exits
non-zero when a threshold is breached.
Environment: BASE_URL (default http://127.0.0.1:8080), OTLP_ENDPOINT for the generator's own spans
(default http://127.0.0.1:4318; "none" to not export them), RATE, DURATION_S, VUS, ITERATIONS;
SKIP_STOCK_CHECK=1 starts even when the shop lacks the stock (or the products) the run needs.`;

async function main(argv: string[]): Promise<number> {
  const [name] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(`${USAGE}\n\nScenarios: ${scenarioNames().join(', ')}`);
    return name ? 0 : 2;
  }
  const scenario = loadScenario(name, process.env);
  const endpoint = process.env.OTLP_ENDPOINT ?? 'http://127.0.0.1:4318';
  const shortage = process.env.SKIP_STOCK_CHECK === '1' ? undefined : await missingStock(process.env.BASE_URL ?? 'http://127.0.0.1:8080', scenario);
  if (shortage) {
    console.error(`not starting: ${shortage}`);
    return 2;
  }
  console.log(`running ${scenario.name} against ${process.env.BASE_URL ?? 'http://127.0.0.1:8080'}: ${JSON.stringify(scenario.shape)}`);
  const run = await runLoad({
    scenario,
    baseUrl: process.env.BASE_URL ?? 'http://127.0.0.1:8080',
    ...(endpoint === 'none' ? {} : { otlpEndpoint: endpoint }),
    onProgress: (p) => console.log(`  t=${p.elapsedS}s started ${p.started} in flight ${p.inFlight} final ${p.finished} failed requests ${p.failedRequests} place_order p95(5s) ${Number.isNaN(p.placeOrderP95Ms) ? '-' : `${p.placeOrderP95Ms} ms`}`),
  });
  console.log(summarize(run));
  return run.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
