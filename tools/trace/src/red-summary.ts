import { exactMs, ms, shortDuration } from './durations';
import { searchTraces, type SearchOptions, type Trace, type TraceSpan } from '@tracebed/trace-reading';
import { textTable } from './text-table';

/** Which spans count as the service's requests: the operation given, else its server and consumer spans. */
export interface RedSelection {
  service: string;
  operation?: string;
}

/** One step of time, by span start: rate, errors, duration. */
export interface RedBucket {
  startUs: number;
  /** The part of the step inside the window, in microseconds: the rate's denominator. */
  coveredUs: number;
  count: number;
  errors: number;
  p50Us: number | undefined;
  p95Us: number | undefined;
}

const isRequest = (span: TraceSpan) => span.kind === 'server' || span.kind === 'consumer';

/** The selected spans of all traces, each once. */
export function selectSpans(traces: readonly Trace[], selection: RedSelection): TraceSpan[] {
  const spans = new Map<string, TraceSpan>();
  for (const trace of traces) {
    for (const span of trace.spans) {
      if (span.service !== selection.service) continue;
      if (selection.operation ? span.name === selection.operation : isRequest(span)) spans.set(`${span.traceId}/${span.spanId}`, span);
    }
  }
  return [...spans.values()];
}

/** The nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Steps on the clock (whole minutes for a 1m step) from the window's start to its end; a span
 * counts in the step it started in. Spans outside the window are left out.
 */
export function redBuckets(spans: readonly TraceSpan[], window: { startUs: number; endUs: number; stepUs: number }): RedBucket[] {
  const { startUs, endUs, stepUs } = window;
  const first = Math.floor(startUs / stepUs) * stepUs;
  const buckets: RedBucket[] = [];
  for (let at = first; at < endUs; at += stepUs) {
    const inStep = spans.filter((span) => span.startTimeUs >= Math.max(at, startUs) && span.startTimeUs < Math.min(at + stepUs, endUs));
    const durations = inStep.map((span) => span.durationUs).sort((a, b) => a - b);
    buckets.push({
      startUs: at,
      coveredUs: Math.min(at + stepUs, endUs) - Math.max(at, startUs),
      count: inStep.length,
      errors: inStep.filter((span) => span.isError).length,
      p50Us: percentile(durations, 50),
      p95Us: percentile(durations, 95),
    });
  }
  return buckets;
}

/** The step with the highest p95, the first of equals; undefined when no step has a span. */
export function slowestBucket(buckets: readonly RedBucket[]): RedBucket | undefined {
  return buckets.reduce<RedBucket | undefined>((slowest, bucket) => (bucket.p95Us !== undefined && bucket.p95Us > (slowest?.p95Us ?? -1) ? bucket : slowest), undefined);
}

export const ratePerSecond = (bucket: RedBucket) => (bucket.coveredUs > 0 ? bucket.count / (bucket.coveredUs / 1_000_000) : 0);

const clock = (us: number) => new Date(Math.floor(us / 1_000)).toISOString().slice(11, 19);
const bar = (us: number | undefined, maxUs: number, width: number) => (us === undefined || maxUs <= 0 ? '' : '█'.repeat(Math.max(1, Math.round((us / maxUs) * width))));

export interface RedSource {
  traces: number;
  limit: number;
  stepUs: number;
}

export function renderRed(buckets: readonly RedBucket[], selection: RedSelection, source: RedSource): string {
  const slowest = slowestBucket(buckets);
  const maxUs = slowest?.p95Us ?? 0;
  const what = selection.operation ? `${selection.service} '${selection.operation}' spans` : `${selection.service} server and consumer spans`;
  const limited = source.traces >= source.limit ? `; the limit was reached: Jaeger left out some traces of the window, raise --limit or shorten --since` : '';
  const rows = buckets.map((bucket) => [
    clock(bucket.startUs),
    ratePerSecond(bucket).toFixed(2),
    String(bucket.count),
    `${bucket.errors} (${bucket.count ? Math.round((100 * bucket.errors) / bucket.count) : 0}%)`,
    bucket.p50Us === undefined ? '-' : ms(bucket.p50Us),
    bucket.p95Us === undefined ? '-' : ms(bucket.p95Us),
    `${bar(bucket.p95Us, maxUs, 30)}${bucket === slowest ? ' ◀ highest p95' : ''}`,
  ]);
  const table = textTable(['step (UTC)', 'rate/s', 'spans', 'errors', 'p50', 'p95', 'p95 bar'], rows, ['left', 'right', 'right', 'right', 'right', 'right', 'left']);
  const spans = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  return [`${what}, by start time in steps of ${shortDuration(source.stepUs)}: ${spans} spans from ${source.traces} traces (limit ${source.limit})${limited}`, ...table].join('\n');
}

export const redJson = (buckets: readonly RedBucket[]) =>
  buckets.map((bucket) => ({
    start: new Date(bucket.startUs / 1_000).toISOString(),
    ratePerSecond: Number(ratePerSecond(bucket).toFixed(3)),
    spans: bucket.count,
    errors: bucket.errors,
    p50Ms: bucket.p50Us === undefined ? null : exactMs(bucket.p50Us),
    p95Ms: bucket.p95Us === undefined ? null : exactMs(bucket.p95Us),
    highestP95: bucket === slowestBucket(buckets),
  }));

/** The summary of the last `sinceUs`, from Jaeger's search, as text or JSON. */
export async function redSummary(jaegerUrl: string, selection: RedSelection, options: { sinceUs: number; stepUs: number; limit: number; json?: boolean } & SearchOptions): Promise<string> {
  const endUs = Date.now() * 1_000;
  const startUs = endUs - options.sinceUs;
  const traces = await searchTraces(jaegerUrl, { ...selection, startUs, endUs, limit: options.limit }, options);
  const buckets = redBuckets(selectSpans(traces, selection), { startUs, endUs, stepUs: options.stepUs });
  if (options.json) return JSON.stringify({ traces: traces.length, limit: options.limit, limitReached: traces.length >= options.limit, buckets: redJson(buckets) }, null, 2);
  return renderRed(buckets, selection, { traces: traces.length, limit: options.limit, stepUs: options.stepUs });
}
