import type { Trace, TraceSpan } from '@tracebed/trace-reading';

/** An order as it was placed: its id, the trace the gateway answered with, and how it was placed. */
export interface PlacedOrder {
  orderId: string;
  traceId: string;
  /**
   * Orders placed the same way (same items, card and faults) share a shape and must give the
   * same multiset of spans. Leave it out where faults make traces differ by design.
   */
  shape?: string;
  /**
   * The span of a caller that exports no spans (a load generator): the trace's root is the
   * span whose parent it is, not an orphan.
   */
  callerSpanId?: string | undefined;
}

/** A span as a problem report names it. */
export interface SpanRef {
  spanId: string;
  label: string;
}

export interface TraceVerdict {
  orderId: string;
  traceId: string;
  spanCount: number;
  /** Jaeger does not know the trace. */
  missing: boolean;
  /** Spans without a parent: exactly one is right. */
  roots: SpanRef[];
  /** Spans whose parent is not in the trace. */
  orphans: SpanRef[];
  /** Spans naming another order in `order.id`. */
  foreign: (SpanRef & { orderId: string })[];
  /** Spans that are about one order (business and messaging spans) but do not say which. */
  unlabelled: SpanRef[];
  /** Calls sent again after a failed attempt (`http.request.resend_count` ≥ 1): legitimate, left out of the shape. */
  resent: SpanRef[];
  /** Payments requested again by the orders' timeout sweep (`order.payment_timeout`): the order's own work, left out of the shape. */
  requestedAgain: SpanRef[];
  /** Compared with the shape most orders of its kind have: spans it has beyond it, and spans it lacks. */
  surplus: string[];
  lacking: string[];
}

export interface IntegrityReport {
  traces: number;
  whole: number;
  broken: TraceVerdict[];
  /** Spans that belong to another trace: naming another order, or beyond the shape of their kind. */
  foreignSpans: number;
  /** Spans that the shape of their kind has and these traces lack. */
  missingSpans: number;
  /** Calls the services sent again, in all traces; their spans are not held to the shape. */
  resentCalls: number;
  /** Payments the orders service requested again after a timeout, in all traces; their spans are not held to the shape either. */
  paymentsRequestedAgain: number;
  /** The usual span multiset of each shape, as `service: name ×count` lines. */
  shapes: Map<string, string[]>;
}

const ORDER_ID = 'order.id';
const labelOf = (span: TraceSpan) => `${span.service}: ${span.name}`;
const refOf = (span: TraceSpan): SpanRef => ({ spanId: span.spanId, label: labelOf(span) });

/**
 * A span is about one order when it is a business span (`<noun>.<verb>`, written by the
 * services) or a message's publish or process span: those must name the order they serve.
 * Statements and HTTP spans are covered by their parents and by the shape check.
 */
export function isAboutOneOrder(span: TraceSpan): boolean {
  if (span.attributes['messaging.system'] !== undefined) return true;
  return span.kind === 'internal' && /^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/.test(span.name);
}

const isResend = (span: TraceSpan) => Number(span.attributes['http.request.resend_count'] ?? 0) > 0;
/** The orders service asking for a payment again after PAYMENT_TIMEOUT_MS without an answer. */
const isPaymentRequestedAgain = (span: TraceSpan) => span.service === 'orders' && span.name === 'order.payment_timeout';
const isWorkDoneAgain = (span: TraceSpan) => isResend(span) || isPaymentRequestedAgain(span);

/**
 * The spans that make a trace's shape: all but the work done again and everything under it: a
 * resent call, or a payment requested again (its message, the duplicate charge, its outcome). That
 * is the trace's own work (a first attempt failed or was slow), and how much there is depends on
 * timing, not on where spans went.
 */
function shapeSpans(trace: Trace): TraceSpan[] {
  const byId = new Map(trace.spans.map((span) => [span.spanId, span]));
  const resent = new Map<string, boolean>();
  const underResend = (span: TraceSpan): boolean => {
    const known = resent.get(span.spanId);
    if (known !== undefined) return known;
    resent.set(span.spanId, false); // a cycle of bad parent ids must not recurse forever
    const parent = span.parentId ? byId.get(span.parentId) : undefined;
    const answer = isWorkDoneAgain(span) || (parent !== undefined && underResend(parent));
    resent.set(span.spanId, answer);
    return answer;
  };
  return trace.spans.filter((span) => !underResend(span));
}

function countLabels(trace: Trace): Map<string, number> {
  const counts = new Map<string, number>();
  for (const span of shapeSpans(trace)) counts.set(labelOf(span), (counts.get(labelOf(span)) ?? 0) + 1);
  return counts;
}

const multisetKey = (counts: Map<string, number>) =>
  [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, count]) => `${label} ×${count}`)
    .join('\n');

/** The multiset most traces of each shape share (on a tie, the larger one: a lost span is likelier than an invented one). */
function usualShapes(orders: readonly PlacedOrder[], traces: ReadonlyMap<string, Trace>): Map<string, Map<string, number>> {
  const tallies = new Map<string, Map<string, { counts: Map<string, number>; traces: number; spans: number }>>();
  for (const order of orders) {
    const trace = traces.get(order.traceId);
    if (order.shape === undefined || !trace) continue;
    const counts = countLabels(trace);
    const key = multisetKey(counts);
    const byKey = tallies.get(order.shape) ?? new Map();
    tallies.set(order.shape, byKey);
    const tally = byKey.get(key) ?? { counts, traces: 0, spans: [...counts.values()].reduce((a, b) => a + b, 0) };
    tally.traces++;
    byKey.set(key, tally);
  }
  const usual = new Map<string, Map<string, number>>();
  for (const [shape, byKey] of tallies) {
    const best = [...byKey.values()].sort((a, b) => b.traces - a.traces || b.spans - a.spans)[0]!;
    usual.set(shape, best.counts);
  }
  return usual;
}

function difference(have: Map<string, number>, want: Map<string, number>): { surplus: string[]; lacking: string[] } {
  const surplus: string[] = [];
  const lacking: string[] = [];
  for (const label of new Set([...have.keys(), ...want.keys()])) {
    const delta = (have.get(label) ?? 0) - (want.get(label) ?? 0);
    for (let i = 0; i < Math.abs(delta); i++) (delta > 0 ? surplus : lacking).push(label);
  }
  return { surplus: surplus.sort(), lacking: lacking.sort() };
}

function judge(order: PlacedOrder, trace: Trace | undefined, usual: Map<string, number> | undefined): TraceVerdict {
  const verdict: TraceVerdict = {
    orderId: order.orderId,
    traceId: order.traceId,
    spanCount: trace?.spans.length ?? 0,
    missing: !trace,
    roots: [],
    orphans: [],
    foreign: [],
    unlabelled: [],
    resent: [],
    requestedAgain: [],
    surplus: [],
    lacking: [],
  };
  if (!trace) {
    if (usual) verdict.lacking = [...usual].flatMap(([label, count]) => Array<string>(count).fill(label));
    return verdict;
  }
  const ids = new Set(trace.spans.map((span) => span.spanId));
  for (const span of trace.spans) {
    if (!span.parentId || span.parentId === order.callerSpanId) verdict.roots.push(refOf(span));
    else if (!ids.has(span.parentId)) verdict.orphans.push(refOf(span));
    const named = span.attributes[ORDER_ID];
    if (named !== undefined && named !== order.orderId) verdict.foreign.push({ ...refOf(span), orderId: String(named) });
    else if (named === undefined && isAboutOneOrder(span)) verdict.unlabelled.push(refOf(span));
    if (isResend(span)) verdict.resent.push(refOf(span));
    if (isPaymentRequestedAgain(span)) verdict.requestedAgain.push(refOf(span));
  }
  if (usual) Object.assign(verdict, difference(countLabels(trace), usual));
  return verdict;
}

const isWhole = (verdict: TraceVerdict) =>
  !verdict.missing &&
  verdict.roots.length === 1 &&
  [verdict.orphans, verdict.foreign, verdict.unlabelled, verdict.surplus, verdict.lacking].every((list) => list.length === 0);

/**
 * Judges each order's trace: one root, no orphans, every span about one order naming this
 * order, and (for orders with a shape) the same multiset of spans as most orders of that shape.
 */
export function judgeTraces(orders: readonly PlacedOrder[], traces: ReadonlyMap<string, Trace>): IntegrityReport {
  const usual = usualShapes(orders, traces);
  const verdicts = orders.map((order) => judge(order, traces.get(order.traceId), order.shape === undefined ? undefined : usual.get(order.shape)));
  const broken = verdicts.filter((verdict) => !isWhole(verdict));
  return {
    traces: orders.length,
    whole: verdicts.length - broken.length,
    broken,
    // A span beyond the shape that names another order is one span, counted once.
    foreignSpans: verdicts.reduce((sum, verdict) => sum + Math.max(verdict.foreign.length, verdict.surplus.length), 0),
    missingSpans: verdicts.reduce((sum, verdict) => sum + verdict.lacking.length, 0),
    resentCalls: verdicts.reduce((sum, verdict) => sum + verdict.resent.length, 0),
    paymentsRequestedAgain: verdicts.reduce((sum, verdict) => sum + verdict.requestedAgain.length, 0),
    shapes: new Map([...usual].map(([shape, counts]) => [shape, multisetKey(counts).split('\n')])),
  };
}

/** The figures in one line, as the benchmark and the experiment reports print them. */
export const integrityLine = (report: IntegrityReport) =>
  `traces whole ${report.whole} of ${report.traces}, spans in a foreign trace ${report.foreignSpans}, spans missing ${report.missingSpans}` +
  (report.resentCalls ? ` (calls resent: ${report.resentCalls})` : '') +
  (report.paymentsRequestedAgain ? ` (payments requested again: ${report.paymentsRequestedAgain})` : '');

const labels = (refs: readonly { label: string }[]) => {
  const counts = new Map<string, number>();
  for (const ref of refs) counts.set(ref.label, (counts.get(ref.label) ?? 0) + 1);
  return [...counts].map(([label, count]) => (count > 1 ? `${label} ×${count}` : label)).join(', ');
};

/** What is wrong with one trace, in a line. */
export function whyBroken(verdict: TraceVerdict): string {
  if (verdict.missing) return 'not in Jaeger';
  return [
    verdict.roots.length === 0 && 'no root',
    verdict.roots.length > 1 && `${verdict.roots.length} roots (${labels(verdict.roots)})`,
    verdict.orphans.length > 0 && `orphans: ${labels(verdict.orphans)}`,
    verdict.foreign.length > 0 && `naming another order: ${verdict.foreign.map((ref) => `${ref.label} (${ref.orderId})`).join(', ')}`,
    verdict.unlabelled.length > 0 && `without order.id: ${labels(verdict.unlabelled)}`,
    verdict.surplus.length > 0 && `beyond its shape: ${labels(verdict.surplus.map((label) => ({ label })))}`,
    verdict.lacking.length > 0 && `lacking: ${labels(verdict.lacking.map((label) => ({ label })))}`,
  ]
    .filter(Boolean)
    .join('; ');
}

/** The figures, then what is wrong with each broken trace (the first `limit`), for a failure message. */
export function describeBrokenTraces(report: IntegrityReport, limit = 5): string {
  const lines = report.broken.slice(0, limit).map((verdict) => `order ${verdict.orderId}, trace ${verdict.traceId} (${verdict.spanCount} spans): ${whyBroken(verdict)}`);
  const more = report.broken.length > limit ? [`…and ${report.broken.length - limit} more`] : [];
  return [integrityLine(report), ...lines, ...more].join('\n');
}
