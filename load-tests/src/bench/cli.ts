#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchTable } from './bench-table';
import { runBench } from './run-bench';

// What tracing costs, on the native stack of this checkout: `make bench`.
// RATE (default 10/s) and DURATION_S (default 30) set the common load.
async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const port = (name: string, fallback: number) => process.env[name] ?? String(fallback);
  const result = await runBench({
    repoRoot,
    stateDir: process.env.TRACEBED_STATE ?? path.join(repoRoot, '.tracebed'),
    baseUrl: `http://127.0.0.1:${port('GATEWAY_PORT', 8080)}`,
    jaegerUrl: `http://127.0.0.1:${port('JAEGER_UI_PORT', 16686)}`,
    serviceUrls: {
      gateway: `http://127.0.0.1:${port('GATEWAY_PORT', 8080)}`,
      orders: `http://127.0.0.1:${port('ORDERS_PORT', 8081)}`,
      inventory: `http://127.0.0.1:${port('INVENTORY_PORT', 8082)}`,
      payments: `http://127.0.0.1:${port('PAYMENTS_PORT', 8083)}`,
    },
    rate: Number(process.env.RATE ?? 10),
    durationS: Number(process.env.DURATION_S ?? 30),
    log: (line) => console.log(line),
  });
  const table = benchTable(result);
  console.log(`\n${table}`);
  const folder = path.resolve(process.env.REPORTS_DIR ?? 'reports');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten: ${file}`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
