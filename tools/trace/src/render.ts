import type { Waterfall, WaterfallRow } from '@tracebed/trace-reading';

export interface RenderOptions {
  /** Characters for the timeline column. */
  barWidth?: number;
  color?: boolean;
}

const ms = (us: number) => `${(us / 1_000).toFixed(1)}ms`;

function bar(row: WaterfallRow, total: number, width: number): string {
  const scale = total > 0 ? width / total : 0;
  const start = Math.min(width - 1, Math.floor(row.offsetUs * scale));
  const length = Math.max(1, Math.round(row.span.durationUs * scale));
  return ' '.repeat(start) + '█'.repeat(Math.min(length, width - start)) + ' '.repeat(Math.max(0, width - start - length));
}

/**
 * The waterfall as text: indentation by parent, service, span name, start offset, duration,
 * self time and a bar. `*` marks the critical path, `!` an error; orphans (missing parents) say so.
 */
export function renderWaterfall(waterfall: Waterfall, options: RenderOptions = {}): string {
  const width = options.barWidth ?? 40;
  const paint = (code: string, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const labels = waterfall.rows.map((row) => `${'  '.repeat(row.depth)}${row.span.service}: ${row.span.name}`);
  const labelWidth = Math.min(70, Math.max(...labels.map((label) => label.length)));
  const lines = waterfall.rows.map((row, index) => {
    const marks = `${row.critical ? '*' : ' '}${row.span.isError ? '!' : ' '}`;
    const label = (labels[index] ?? '').slice(0, labelWidth).padEnd(labelWidth);
    const timing = `${ms(row.offsetUs).padStart(9)} ${ms(row.span.durationUs).padStart(9)} ${ms(row.selfTimeUs).padStart(9)}`;
    const text = `${marks} ${label} ${timing} |${bar(row, waterfall.durationUs, width)}|${row.orphan ? '  (parent span missing)' : ''}`;
    if (row.span.isError) return paint('31', text);
    return row.critical ? paint('1', text) : text;
  });
  const header = `trace ${waterfall.traceId}: ${waterfall.rows.length} spans, ${waterfall.services.length} services (${waterfall.services.join(', ')}), ${ms(waterfall.durationUs)}, ${waterfall.errors} with errors`;
  const columns = `${' '.repeat(labelWidth + 3)} ${'start'.padStart(9)} ${'duration'.padStart(9)} ${'self'.padStart(9)}`;
  // Starts with a word, so that `grep -c '^\*'` counts the spans on the critical path only.
  const legend = 'marks: * on the critical path, ! error; self: time with no child running';
  const partial = waterfall.rows.some((row) => row.orphan) ? '\nsome spans have no parent in Jaeger: the trace is incomplete, or its last spans are still arriving' : '';
  return [header, legend, '', columns, ...lines].join('\n') + partial;
}
