import { integrityLine, type IntegrityReport } from '@tracebed/testkit';
import type { BenchResult, BenchRow } from './run-bench';
import { COMPONENTS } from './process-stats';

/** Spans in the usual paid order's trace, summed over its kinds of span. */
function spansPerTrace(integrity: IntegrityReport | undefined): number | string {
  const shape = integrity?.shapes.get('paid');
  return shape ? shape.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf('×') + 1)), 0) : '-';
}

const pad = (text: string | number, width: number) => String(text).padStart(width);

/** The benchmark side by side, one column per configuration. */
export function benchTable(result: BenchResult): string {
  const rows = result.rows;
  const width = Math.max(16, ...rows.map((row) => row.label.length + 2));
  const line = (name: string, value: (row: BenchRow) => string | number) => `${name.padEnd(34)}${rows.map((row) => pad(value(row), width)).join('')}`;
  const out = [
    line('', (row) => row.label),
    line('arrival rate (journeys/s)', (row) => row.rate),
    line('completed orders/s', (row) => row.ordersPerS),
    line('place_order p50 / p95 / p99 (ms)', (row) => `${row.placeOrderMs.p50}/${row.placeOrderMs.p95}/${row.placeOrderMs.p99}`),
    line('placed → paid p95 (ms)', (row) => row.completionP95Ms),
    line('failed requests', (row) => `${(row.failedRate * 100).toFixed(2)} %`),
    line('CPU s per 1000 orders (all)', (row) => row.cpuSecondsPer1000Orders),
    ...COMPONENTS.map((component) => line(`  CPU s ${component}`, (row) => row.cpuByComponent[component] ?? '-')),
    ...COMPONENTS.map((component) => line(`  RSS MB ${component}`, (row) => row.rssMb[component] ?? '-')),
    line('  RSS MB four services', (row) => ['gateway', 'orders', 'inventory', 'payments'].reduce((sum, s) => sum + (row.rssMb[s as keyof typeof row.rssMb] ?? 0), 0)),
    line('spans per order trace', (row) => spansPerTrace(row.integrity)),
    line('traces whole', (row) => (row.integrity ? `${row.integrity.whole} of ${row.integrity.traces}` : '-')),
    line('spans in a foreign trace', (row) => row.integrity?.foreignSpans ?? '-'),
    line('spans missing', (row) => row.integrity?.missingSpans ?? '-'),
    line('ready after start (ms, max)', (row) => Math.max(...Object.values(row.readyAfterMs))),
  ];
  out.push('');
  for (const row of rows) if (row.integrity) out.push(`${row.label}: ${integrityLine(row.integrity)}`);
  out.push(`CPU per order, untraced / traced at the same load: ${result.ratio.sameLoadCpu} (1.0 = tracing costs nothing)`);
  out.push(
    result.ratio.highestRate === undefined
      ? 'highest sustained rate: not found (the base rate already failed the sustain criteria)'
      : `highest sustained rate: untraced ${result.highest.untraced!.rate}/s, traced ${result.highest.traced!.rate}/s: traced/untraced throughput ratio ${result.ratio.highestRate}`,
  );
  return out.join('\n');
}
