#!/usr/bin/env node
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { EXPERIMENTS_DIR, loadExperiment } from './experiment-file';
import { runExperiment } from './run-experiment';

const USAGE = `Usage: pnpm experiment <name | path/to/experiment.yaml>     (make experiment NAME=<name>)

Checks the shop is up, runs the experiment's load with its faults on schedule, judges the
steady-state hypothesis before, during and after the faults, and writes reports/<name>-<time>/.
Exits 0 when the hypothesis held in every phase, 1 when it was refuted, 2 when it could not run.
Environment: BASE_URL, JAEGER_URL, JAEGER_UI_URL (links in the report), OTLP_ENDPOINT,
<SERVICE>_ADMIN_URL and FAULT_ADMIN_TOKEN or its file (as for pnpm fault), REPORTS_DIR (default reports/), REPORTS_SHOWN_AS (that folder's name in the printed path).`;

async function main(argv: string[]): Promise<number> {
  const [name] = argv;
  if (!name || name === '--help' || name === '-h') {
    const known = readdirSync(EXPERIMENTS_DIR).filter((file) => file.endsWith('.yaml')).map((file) => file.replace(/\.yaml$/, ''));
    console.log(`${USAGE}\n\nExperiments: ${known.join(', ')}`);
    return name ? 0 : 2;
  }
  const experiment = loadExperiment(name);
  const reportsDir = path.resolve(process.env.REPORTS_DIR ?? 'reports');
  const { result } = await runExperiment(experiment, { env: process.env, reportsDir, log: (line) => console.log(line) });
  return result.lines.every((line) => line.held) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
