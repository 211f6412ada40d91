import { comparisonConclusion, selfTimeByName, type MatchedSpan, type NameChange, type TraceComparison, type UnmatchedSpan } from './compare-traces';
import { exactMs, ms, signedMs } from './durations';
import { textTable } from './text-table';

/** How many matched spans the text shows; --json has them all. */
export const COMPARISON_ROWS = 15;

const biggestChange = (span: MatchedSpan) => Math.max(Math.abs(span.deltaUs), Math.abs(span.deltaSelfUs));

function unmatchedLines(title: string, spans: UnmatchedSpan[]): string[] {
  if (spans.length === 0) return [`${title}: none`];
  const rows = spans.map((span) => [span.service, span.label, ms(span.durationUs), ms(span.selfTimeUs), span.parent ? `under ${span.parent}` : 'a root']);
  return [`${title}:`, ...textTable(['service', 'span', 'duration', 'self', 'parent'], rows, ['left', 'left', 'right', 'right', 'left']).map((line) => `  ${line}`)];
}

/** How many span names the summary by name shows. */
const NAME_ROWS = 5;

function byNameLines(changes: NameChange[]): string[] {
  const rows = changes
    .filter((change) => Math.abs(change.deltaSelfUs) >= 1_000)
    .slice(0, NAME_ROWS)
    .map((change) => [change.service, change.name, `${change.countA} → ${change.countB}`, ms(change.selfAUs), ms(change.selfBUs), signedMs(change.deltaSelfUs)]);
  if (rows.length === 0) return [];
  const table = textTable(['service', 'span name', 'spans', 'self A', 'self B', 'Δ self'], rows, ['left', 'left', 'right', 'right', 'right', 'right']);
  return ['self time by span name, all spans of both traces:', ...table.map((line) => `  ${line}`), ''];
}

/**
 * The spans whose duration or self time changed most, largest change of self time first, then
 * the spans found in one trace only, the self time of each span name, then the conclusion.
 */
export function renderComparison(comparison: TraceComparison, rows = COMPARISON_ROWS): string {
  const shown = [...comparison.matched].sort((x, y) => biggestChange(y) - biggestChange(x)).slice(0, rows);
  const ordered = comparison.matched.filter((span) => shown.includes(span));
  const table = textTable(
    ['service', 'span', 'duration A', 'duration B', 'Δ', 'self A', 'self B', 'Δ self'],
    ordered.map((span) => [span.service, span.label, ms(span.a.durationUs), ms(span.b.durationUs), signedMs(span.deltaUs), ms(span.a.selfTimeUs), ms(span.b.selfTimeUs), signedMs(span.deltaSelfUs)]),
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const { a, b } = comparison;
  const more = comparison.matched.length - ordered.length;
  return [
    `A: trace ${a.traceId}, ${ms(a.durationUs)}, ${a.spans} spans`,
    `B: trace ${b.traceId}, ${ms(b.durationUs)}, ${b.spans} spans`,
    '',
    `${comparison.matched.length} spans in both; the ${ordered.length} that changed most, by change of self time (time with no child running):`,
    ...table,
    ...(more > 0 ? [`(${more} more spans in both changed less; --json lists every one)`] : []),
    '',
    ...unmatchedLines('only in A', comparison.onlyInA),
    ...unmatchedLines('only in B', comparison.onlyInB),
    '',
    ...byNameLines(selfTimeByName(comparison)),
    comparisonConclusion(comparison),
  ].join('\n');
}

const runJson = (run: { spanId: string; durationUs: number; selfTimeUs: number }) => ({ spanId: run.spanId, durationMs: exactMs(run.durationUs), selfMs: exactMs(run.selfTimeUs) });
const unmatchedJson = (span: UnmatchedSpan) => ({ service: span.service, name: span.name, label: span.label, parent: span.parent ?? null, ...runJson(span) });

export function comparisonJson(comparison: TraceComparison) {
  const side = (trace: TraceComparison['a']) => ({ traceId: trace.traceId, durationMs: exactMs(trace.durationUs), spans: trace.spans });
  return {
    a: side(comparison.a),
    b: side(comparison.b),
    conclusion: comparisonConclusion(comparison),
    matched: comparison.matched.map((span) => ({ service: span.service, name: span.name, label: span.label, a: runJson(span.a), b: runJson(span.b), deltaMs: exactMs(span.deltaUs), deltaSelfMs: exactMs(span.deltaSelfUs) })),
    onlyInA: comparison.onlyInA.map(unmatchedJson),
    onlyInB: comparison.onlyInB.map(unmatchedJson),
    selfTimeByName: selfTimeByName(comparison).map((change) => ({ service: change.service, name: change.name, spansA: change.countA, spansB: change.countB, selfMsA: exactMs(change.selfAUs), selfMsB: exactMs(change.selfBUs), deltaSelfMs: exactMs(change.deltaSelfUs) })),
  };
}
