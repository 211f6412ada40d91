import type { Waterfall, WaterfallRow } from '@tracebed/trace-reading';

const ms = (us: number) => `${(us / 1_000).toFixed(1)}ms`;
const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '0%');

/** The rows of the spans with this id, or else with this name. */
export function rowsMatching(waterfall: Waterfall, nameOrSpanId: string): WaterfallRow[] {
  const byId = waterfall.rows.filter((row) => row.span.spanId === nameOrSpanId.toLowerCase());
  return byId.length ? byId : waterfall.rows.filter((row) => row.span.name === nameOrSpanId);
}

function criticalLine(row: WaterfallRow, traceStartUs: number): string {
  if (!row.critical) return 'no: the end of its root did not wait for it';
  const sections = row.criticalSections.map((section) => `${ms(section.startUs - traceStartUs)}–${ms(section.endUs - traceStartUs)}`);
  // Its own time on the path: where a child is on it instead, the child's time counts there.
  return `${ms(row.criticalUs)} (${percent(row.criticalUs, row.span.durationUs)}) of its own time on the path, at ${sections.join(', ')}`;
}

function attributeLines(attributes: Record<string, unknown>, indent: string): string[] {
  return Object.keys(attributes)
    .sort()
    .map((key) => `${indent}${key} = ${show(attributes[key])}`);
}

/** One span in full: where it sits, how long it took and why, and everything it recorded. */
export function renderSpanDetails(waterfall: Waterfall, row: WaterfallRow): string {
  const { span } = row;
  const parent = waterfall.rows.find((candidate) => candidate.span.spanId === span.parentId)?.span;
  const status = `${span.status.code}${span.status.message ? `: ${span.status.message}` : ''}`;
  const lines = [
    `${span.service}: ${span.name}  (span ${span.spanId})`,
    `  kind        ${span.kind ?? 'unknown'}`,
    `  status      ${status}`,
    `  parent      ${parent ? `${parent.service}: ${parent.name} (span ${parent.spanId})` : span.parentId ? `span ${span.parentId}, missing from the trace` : 'none: the root'}`,
    `  starts at   ${ms(row.offsetUs)} into the trace`,
    `  duration    ${ms(span.durationUs)}`,
    `  self time   ${ms(row.selfTimeUs)} (${percent(row.selfTimeUs, span.durationUs)}): no child running`,
    `  critical    ${criticalLine(row, waterfall.startUs)}`,
    `  attributes${Object.keys(span.attributes).length ? '' : '  none'}`,
    ...attributeLines(span.attributes, '    '),
    `  events${span.events.length ? '' : '      none'}`,
    ...span.events.flatMap((event) => [`    ${ms(event.timeUs - waterfall.startUs)} ${event.name}`, ...attributeLines(event.attributes, '      ')]),
    `  links${span.links.length ? '' : '       none'}`,
    ...span.links.map((link) => `    ${link.type} span ${link.spanId} of trace ${link.traceId}`),
    ...(span.warnings.length ? ['  Jaeger warns', ...span.warnings.map((warning) => `    ${warning}`)] : []),
  ];
  return lines.join('\n');
}
