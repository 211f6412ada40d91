import { ms, signedMs } from './durations';
import { fetchTrace, buildWaterfall, type Trace } from '@tracebed/trace-reading';
import { positionedSpans, type PositionedSpan } from './span-positions';

/** One span as it ran in one of the two traces. */
export interface SpanRun {
  spanId: string;
  durationUs: number;
  selfTimeUs: number;
}

/** The same step of the request in both traces. */
export interface MatchedSpan {
  service: string;
  name: string;
  /** `#2` when the trace has more than one span of this service and name. */
  label: string;
  a: SpanRun;
  b: SpanRun;
  deltaUs: number;
  deltaSelfUs: number;
}

export interface UnmatchedSpan extends SpanRun {
  service: string;
  name: string;
  label: string;
  /** The span it ran under, as `service name`. */
  parent: string | undefined;
}

export interface TraceComparison {
  a: { traceId: string; durationUs: number; spans: number };
  b: { traceId: string; durationUs: number; spans: number };
  /** Largest change of self time first. */
  matched: MatchedSpan[];
  onlyInA: UnmatchedSpan[];
  onlyInB: UnmatchedSpan[];
}

interface SideSpan extends PositionedSpan {
  run: SpanRun;
}

function sideOf(trace: Trace) {
  const waterfall = buildWaterfall(trace);
  const selfTimes = new Map(waterfall.rows.map((row) => [row.span.spanId, row.selfTimeUs]));
  const byId = new Map(trace.spans.map((span) => [span.spanId, span]));
  const spans = positionedSpans(trace).map((entry): SideSpan => ({ ...entry, run: { spanId: entry.span.spanId, durationUs: entry.span.durationUs, selfTimeUs: selfTimes.get(entry.span.spanId) ?? 0 } }));
  const summary = { traceId: trace.traceId, durationUs: waterfall.durationUs, spans: trace.spans.length };
  return { summary, spans, byPosition: new Map(spans.map((entry) => [entry.position, entry])), byId };
}

const labelOf = (entry: PositionedSpan) => (entry.namesakes > 1 ? `${entry.span.name} #${entry.ordinal}` : entry.span.name);

function unmatched(entries: SideSpan[], others: Map<string, SideSpan>, byId: Map<string, { service: string; name: string }>): UnmatchedSpan[] {
  return entries
    .filter((entry) => !others.has(entry.position))
    .map((entry) => {
      const parent = entry.span.parentId ? byId.get(entry.span.parentId) : undefined;
      return { ...entry.run, service: entry.span.service, name: entry.span.name, label: labelOf(entry), parent: parent ? `${parent.service} ${parent.name}` : undefined };
    });
}

/**
 * Pairs the spans of two traces of the same request by their position (service, name and rank
 * among same-named siblings along the path from the root), and says how each one's time changed
 * from A to B.
 */
export function compareTraces(traceA: Trace, traceB: Trace): TraceComparison {
  const a = sideOf(traceA);
  const b = sideOf(traceB);
  const matched = a.spans
    .flatMap((entry) => {
      const other = b.byPosition.get(entry.position);
      if (!other) return [];
      const deltaUs = other.run.durationUs - entry.run.durationUs;
      const deltaSelfUs = other.run.selfTimeUs - entry.run.selfTimeUs;
      return [{ service: entry.span.service, name: entry.span.name, label: labelOf(entry), a: entry.run, b: other.run, deltaUs, deltaSelfUs }];
    })
    .sort((x, y) => Math.abs(y.deltaSelfUs) - Math.abs(x.deltaSelfUs) || Math.abs(y.deltaUs) - Math.abs(x.deltaUs));
  return { a: a.summary, b: b.summary, matched, onlyInA: unmatched(a.spans, b.byPosition, a.byId), onlyInB: unmatched(b.spans, a.byPosition, b.byId) };
}

/** The self time of all spans of one service and name, in each trace: where the time went, however the spans paired. */
export interface NameChange {
  service: string;
  name: string;
  countA: number;
  countB: number;
  selfAUs: number;
  selfBUs: number;
  deltaSelfUs: number;
}

/** Largest change first. A fault that adds spans (a retry, a statement of its own) shows here even when they pair with nothing. */
export function selfTimeByName(comparison: TraceComparison): NameChange[] {
  const changes = new Map<string, NameChange>();
  const add = (span: { service: string; name: string }, side: 'A' | 'B', selfUs: number) => {
    const key = `${span.service} ${span.name}`;
    const change = changes.get(key) ?? { service: span.service, name: span.name, countA: 0, countB: 0, selfAUs: 0, selfBUs: 0, deltaSelfUs: 0 };
    change[`count${side}`] += 1;
    change[`self${side}Us`] += selfUs;
    change.deltaSelfUs = change.selfBUs - change.selfAUs;
    changes.set(key, change);
  };
  for (const span of comparison.matched) {
    add(span, 'A', span.a.selfTimeUs);
    add(span, 'B', span.b.selfTimeUs);
  }
  for (const span of comparison.onlyInA) add(span, 'A', span.selfTimeUs);
  for (const span of comparison.onlyInB) add(span, 'B', span.selfTimeUs);
  return [...changes.values()].sort((x, y) => Math.abs(y.deltaSelfUs) - Math.abs(x.deltaSelfUs));
}

const prose = (us: number) => signedMs(us).replace('ms', ' ms');

function howMany(change: NameChange): string {
  if (change.countA === 1 && change.countB === 1) return '';
  return change.countA === change.countB ? `; ${change.countB} such spans` : `; ${change.countB} such spans in B, ${change.countA} in A`;
}

/** One sentence: how much longer (or shorter) B took, and whose own time made most of it. */
export function comparisonConclusion(comparison: TraceComparison): string {
  const totalUs = comparison.b.durationUs - comparison.a.durationUs;
  const overall = `trace B took ${signedMs(totalUs)} (${ms(comparison.a.durationUs)} → ${ms(comparison.b.durationUs)})`;
  if (comparison.matched.length === 0) return `${overall}; the traces share no span: are they of the same request?`;
  const [top] = selfTimeByName(comparison);
  if (!top || Math.abs(top.deltaSelfUs) < 1_000) return `${overall}; no span's self time changed by a millisecond or more`;
  const who = `self time of ${top.service} ${top.name} (${prose(top.deltaSelfUs)}${howMany(top)})`;
  // "Most" only when that name's change is the larger part of the whole trace's change.
  const most = Math.sign(totalUs) === Math.sign(top.deltaSelfUs) && Math.abs(top.deltaSelfUs) >= Math.abs(totalUs) / 2;
  return `${overall}; ${most ? `most of the ${top.deltaSelfUs > 0 ? 'extra time' : 'time saved'} is ${who}` : `the largest change is ${who}`}`;
}

/** Both traces from Jaeger, or an error naming the one it does not have. */
export async function fetchBoth(jaegerUrl: string, traceIds: [string, string], maxBytes: number): Promise<[Trace, Trace]> {
  const [a, b] = await Promise.all(traceIds.map((traceId) => fetchTrace(jaegerUrl, traceId, { maxBytes })));
  const missing = traceIds.filter((_, index) => ![a, b][index]?.spans.length);
  if (missing.length > 0 || !a || !b) throw new Error(`not in Jaeger at ${jaegerUrl}: trace ${missing.join(' and ')}`);
  return [a, b];
}
