import type { BenchResult, BenchRow, ConfigurationRun } from './bench-result';
import { COMPONENTS, SERVICES } from './process-stats';
import { fourServicesMb } from './targets';

const pad = (text: string | number, width: number) => String(text).padStart(width);

function table<T>(columns: { label: string; value: T }[], lines: [string, (value: T) => string | number | undefined][]): string[] {
  const width = Math.max(16, ...columns.map((column) => column.label.length + 2));
  const line = (name: string, cell: (value: T) => string | number | undefined) => `${name.padEnd(36)}${columns.map((column) => pad(cell(column.value) ?? '-', width)).join('')}`;
  return [`${''.padEnd(36)}${columns.map((column) => pad(column.label, width)).join('')}`, ...lines.map(([name, cell]) => line(name, cell))];
}

/** The loads side by side: the common rate, the fixed probe, the highest sustained rate. */
function loadTable(result: BenchResult): string[] {
  const highest = (run: ConfigurationRun) => (run.highest && run.highest !== run.common && run.highest !== run.fixed ? [{ label: `${run.highest.label} (highest)`, value: run.highest }] : []);
  const columns = [result.untraced, result.traced].flatMap((run) => [{ label: run.common.label, value: run.common }, { label: run.fixed.label, value: run.fixed }, ...highest(run)]);
  return table<BenchRow>(columns, [
    ['arrival rate (journeys/s)', (row) => row.rate],
    ['completed orders/s', (row) => row.ordersPerS],
    ['sustained', (row) => (row.sustained ? 'yes' : 'no')],
    ['place_order p50 / p95 / p99 (ms)', (row) => `${row.placeOrderMs.p50}/${row.placeOrderMs.p95}/${row.placeOrderMs.p99}`],
    ['placed → paid p95 (ms)', (row) => row.completionP95Ms],
    ['failed requests', (row) => `${(row.failedRate * 100).toFixed(2)} %`],
    ['CPU s per 1000 orders (all)', (row) => row.cpuSecondsPer1000Orders],
    ...COMPONENTS.map((component): [string, (row: BenchRow) => number | undefined] => [`  CPU s ${component}`, (row) => row.cpuByComponent[component]]),
    ...COMPONENTS.map((component): [string, (row: BenchRow) => number | undefined] => [`  RSS MB ${component} (highest)`, (row) => row.rssMb[component]]),
    ['  RSS MB four services (highest)', (row) => fourServicesMb(row.rssMb)],
    ['spans per order trace', (row) => row.integrity?.spansPerTrace],
    ['traces whole', (row) => (row.integrity ? `${row.integrity.whole} of ${row.integrity.traces}` : undefined)],
    ['spans in a foreign trace', (row) => row.integrity?.foreignSpans],
    ['spans missing', (row) => row.integrity?.missingSpans],
  ]);
}

/** Start-up and memory outside the loads, one column per configuration. */
function startupTable(result: BenchResult): string[] {
  const columns = [result.untraced, result.traced].map((run) => ({ label: run.tracing ? 'traced' : 'untraced', value: run }));
  return table<ConfigurationRun>(columns, [
    ...SERVICES.map((service): [string, (run: ConfigurationRun) => number] => [`ready alone, ${service} (ms)`, (run) => run.readyAloneMs[service]]),
    ...SERVICES.map((service): [string, (run: ConfigurationRun) => number] => [`ready, four together: ${service} (ms)`, (run) => run.readyTogetherMs[service]]),
    ...SERVICES.map((service): [string, (run: ConfigurationRun) => number | undefined] => [`idle RSS MB ${service}`, (run) => run.idleRssMb[service]]),
    ['idle RSS MB four services', (run) => fourServicesMb(run.idleRssMb)],
    ['RSS MB four services after the load', (run) => fourServicesMb(run.afterLoadRssMb)],
    ['RSS MB jaeger, highest', (run) => run.jaegerPeakRssMb],
  ]);
}

const describeSearch = (run: ConfigurationRun) =>
  `${run.search.bracket.sustained ?? 'none'}/s (first unsustained ${run.search.bracket.unsustained ?? 'none found'}${run.search.capped ? ', probe cap reached' : ''}; probed ${run.search.probes.map((p) => `${p.rate}${p.sustained ? '' : '✗'}`).join(', ')})`;

/** The benchmark side by side, one column per load, then start-up and memory. */
export function benchTable(result: BenchResult): string {
  const out = [...loadTable(result), '', ...startupTable(result), ''];
  const rows = new Set([result.untraced, result.traced].flatMap((run) => [run.common, run.fixed, ...(run.highest ? [run.highest] : [])]));
  for (const row of rows) if (row.integrity) out.push(`${row.label}: ${row.integrity.line}`);
  out.push(`highest sustained rate, untraced: ${describeSearch(result.untraced)}`);
  out.push(`highest sustained rate, traced: ${describeSearch(result.traced)}`);
  out.push(`Jaeger RSS, highest: ${result.jaeger.peakRssMb ?? '-'} MB (GOMEMLIMIT ${result.jaeger.memoryLimitMb === undefined ? 'unset' : `${result.jaeger.memoryLimitMb} MB`})`);
  return out.join('\n');
}
