import type { Trace, TraceSpan } from './jaeger';

export interface SpanQuery {
  service?: string;
  /** Exact span name, or a pattern. */
  name?: string | RegExp;
  attributes?: Record<string, unknown>;
}

function matches(span: TraceSpan, query: SpanQuery): boolean {
  if (query.service && span.service !== query.service) return false;
  if (typeof query.name === 'string' && span.name !== query.name) return false;
  if (query.name instanceof RegExp && !query.name.test(span.name)) return false;
  return Object.entries(query.attributes ?? {}).every(([key, value]) => span.attributes[key] === value);
}

/** The trace as an indented waterfall, for failure messages a person can read. */
export function describeTrace(trace: Trace): string {
  const children = new Map<string | undefined, TraceSpan[]>();
  const ids = new Set(trace.spans.map((span) => span.spanId));
  for (const span of trace.spans) {
    const parent = span.parentId && ids.has(span.parentId) ? span.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => a.startTimeUs - b.startTimeUs)) {
      lines.push(`${'  '.repeat(depth)}${span.service} | ${span.name}${span.isError ? ' [error]' : ''}`);
      walk(span.spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}

export function findSpans(trace: Trace, query: SpanQuery): TraceSpan[] {
  return trace.spans.filter((span) => matches(span, query));
}

/** The one span that matches, or an error that shows the whole trace. */
export function findSpan(trace: Trace, query: SpanQuery): TraceSpan {
  const found = findSpans(trace, query);
  if (found.length === 0) {
    throw new Error(`no span matching ${JSON.stringify({ ...query, name: String(query.name) })} in trace ${trace.traceId}:\n${describeTrace(trace)}`);
  }
  return found[0]!;
}

export function parentOf(trace: Trace, span: TraceSpan): TraceSpan | undefined {
  return trace.spans.find((candidate) => candidate.spanId === span.parentId);
}

/** The spans from this one up to the root, nearest first. */
export function ancestorsOf(trace: Trace, span: TraceSpan): TraceSpan[] {
  const chain: TraceSpan[] = [];
  for (let current = parentOf(trace, span); current; current = parentOf(trace, current)) chain.push(current);
  return chain;
}

export function isDescendantOf(trace: Trace, span: TraceSpan, ancestor: TraceSpan): boolean {
  return ancestorsOf(trace, span).some((candidate) => candidate.spanId === ancestor.spanId);
}

/** Spans whose parent is missing from the trace: more than one root means the trace broke. */
export function rootsOf(trace: Trace): TraceSpan[] {
  const ids = new Set(trace.spans.map((span) => span.spanId));
  return trace.spans.filter((span) => !span.parentId || !ids.has(span.parentId));
}

export function servicesIn(trace: Trace): string[] {
  return [...new Set(trace.spans.map((span) => span.service))].sort();
}

/** Every event of this name in the trace, with the span it was recorded on. */
export function findEvents(trace: Trace, name: string): { span: TraceSpan; attributes: Record<string, unknown> }[] {
  return trace.spans.flatMap((span) => span.events.filter((event) => event.name === name).map((event) => ({ span, attributes: event.attributes })));
}
