import { percentile } from './recorder';
import type { LoadRun } from './run-load';

const ms = (value: number) => (Number.isNaN(value) ? '-' : `${value.toFixed(1)} ms`);
const share = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(2)} %`);

/** The end of a run as a reader wants it: what ran, what it measured, and the verdict per threshold. */
export function summarize(run: LoadRun): string {
  const { recorder } = run;
  const lines = [`scenario ${run.scenario.name}: ${run.scenario.description}`];
  const byName = new Map<string, number[]>();
  for (const request of recorder.requests) byName.set(request.name, [...(byName.get(request.name) ?? []), request.durationMs]);
  const failed = recorder.requests.filter((request) => request.failed).length;
  lines.push(`  requests  ${recorder.requests.length}, failed ${share(failed, recorder.requests.length)}`);
  for (const [name, durations] of byName) {
    lines.push(`    ${name.padEnd(14)} n=${String(durations.length).padEnd(6)} p50 ${ms(percentile(durations, 50)).padEnd(10)} p95 ${ms(percentile(durations, 95)).padEnd(10)} p99 ${ms(percentile(durations, 99))}`);
  }
  const final = recorder.journeys.filter((journey) => journey.finalStatus !== undefined);
  const statuses = new Map<string, number>();
  for (const journey of final) statuses.set(journey.finalStatus!, (statuses.get(journey.finalStatus!) ?? 0) + 1);
  const completions = final.map((journey) => journey.completionMs!);
  lines.push(`  journeys  ${recorder.journeys.length}, final ${final.length} (${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ') || 'none'}), completion p50 ${ms(percentile(completions, 50))} p95 ${ms(percentile(completions, 95))}`);
  if (run.droppedArrivals) lines.push(`  dropped   ${run.droppedArrivals} arrivals: too many journeys still in flight`);
  const checks = recorder.checks;
  lines.push(`  checks    ${share(checks.filter((check) => check.ok).length, checks.length)} passed`);
  for (const failedCheck of checks.filter((check) => !check.ok).slice(0, 5)) lines.push(`    ✘ ${failedCheck.name}: trace ${failedCheck.traceId}`);
  lines.push('  thresholds');
  for (const threshold of run.thresholds) {
    lines.push(`    ${threshold.passed ? '✔' : '✘'} ${threshold.metric} ${threshold.expression}   observed ${Number.isNaN(threshold.observed) ? 'no data' : +threshold.observed.toFixed(4)}`);
  }
  lines.push(`  generator spans exported ${run.generatorSpans.exported}, failed ${run.generatorSpans.failed}`);
  lines.push(run.passed ? 'PASSED' : 'FAILED');
  return lines.join('\n');
}
