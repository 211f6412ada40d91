#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchTable } from './bench-table';
import { comparedWithPublished, readPublishedRun } from './published-run';
import { runBench } from './run-bench';
import { judgeTargets, targetsTable } from './targets';

// What tracing costs, on the native stack of this checkout: `make bench`.
// RATE (default 10/s) and DURATION_S (default 30) set the common load; FIXED_RATE (100/s) the
// probe where memory is judged; PROBE_DURATION_S (20) and MAX_PROBES (8) the highest-rate search.
async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const url = (name: string, fallback: number) => `http://127.0.0.1:${process.env[name] ?? fallback}`;
  const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const durationS = number('DURATION_S', 30);
  const result = await runBench({
    repoRoot,
    stateDir: process.env.TRACEBED_STATE ?? path.join(repoRoot, '.tracebed'),
    baseUrl: url('GATEWAY_PORT', 8080),
    jaegerUrl: url('JAEGER_UI_PORT', 16686),
    serviceUrls: { gateway: url('GATEWAY_PORT', 8080), orders: url('ORDERS_PORT', 8081), inventory: url('INVENTORY_PORT', 8082), payments: url('PAYMENTS_PORT', 8083) },
    rate: number('RATE', 10),
    durationS,
    fixedRate: number('FIXED_RATE', 100),
    probeDurationS: number('PROBE_DURATION_S', Math.min(durationS, 20)),
    maxProbes: number('MAX_PROBES', 8),
    log: (line) => console.log(line),
  });
  const published = readPublishedRun();
  console.log(`\n${benchTable(result)}`);
  console.log(`\n${targetsTable(judgeTargets(result, published))}`);
  console.log(`\n${comparedWithPublished(result, published)}`);
  const folder = path.resolve(process.env.REPORTS_DIR ?? 'reports');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  const shown = path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);
  console.log(`\nwritten: ${file}\nto make it the run the next ones compare with: cp ${shown} load-tests/bench/published.json`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
