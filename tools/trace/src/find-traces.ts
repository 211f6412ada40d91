import { exactMs, ms } from './durations';
import { searchTraces, type TraceSearch } from '@tracebed/trace-reading';
import { textTable } from './text-table';
import { summarizeTrace, type TraceSummary } from './trace-summary';
import { UsageError } from './usage-error';

/** `key=value` pairs from the command line as the tags object Jaeger's search takes. */
export function parseTagFilters(pairs: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--tag '${pair}' is not key=value`);
    tags[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return tags;
}

/** `2026-12-02 18:41:07` in UTC. */
export const utcSecond = (us: number) => new Date(Math.floor(us / 1_000)).toISOString().slice(0, 19).replace('T', ' ');

/** What was searched, in words, for the heading. */
export function describeSearch(search: TraceSearch): string {
  const parts = [`service ${search.service}`];
  if (search.operation) parts.push(`operation '${search.operation}'`);
  for (const [key, value] of Object.entries(search.tags ?? {})) parts.push(`${key}=${value}`);
  if (search.minDuration) parts.push(`a span of ${search.minDuration} or more`);
  if (search.maxDuration) parts.push(`a span of ${search.maxDuration} or less`);
  return parts.join(', ');
}

export const newestFirst = (summaries: TraceSummary[]) => [...summaries].sort((a, b) => b.startUs - a.startUs);

/** One line per trace, newest first, under a heading that says what was searched and whether the limit cut it short. */
export function renderTraceList(summaries: TraceSummary[], search: TraceSearch): string {
  const since = `since ${utcSecond(search.startUs)} UTC`;
  if (summaries.length === 0) return `no trace with ${describeSearch(search)} ${since}`;
  const cut = summaries.length >= search.limit ? ` (--limit ${search.limit} reached: there may be more; raise it or narrow the search)` : '';
  const rows = newestFirst(summaries).map((s) => [s.traceId, utcSecond(s.startUs), ms(s.durationUs), String(s.spans), String(s.errors), s.root ? `${s.root.service} ${s.root.name}` : '?']);
  const table = textTable(['trace', 'start (UTC)', 'duration', 'spans', 'errors', 'root span'], rows, ['left', 'left', 'right', 'right', 'right', 'left']);
  return [`${summaries.length} traces with ${describeSearch(search)} ${since}${cut}, newest first:`, ...table].join('\n');
}

export const traceListJson = (summaries: TraceSummary[]) =>
  newestFirst(summaries).map((s) => ({ traceId: s.traceId, start: new Date(s.startUs / 1_000).toISOString(), durationMs: exactMs(s.durationUs), spans: s.spans, errors: s.errors, root: s.root ?? null }));

/** The search, run against Jaeger, as text or JSON. */
export async function findTraces(jaegerUrl: string, search: TraceSearch, options: { json?: boolean; maxBytes?: number } = {}): Promise<string> {
  const summaries = (await searchTraces(jaegerUrl, search, { maxBytes: options.maxBytes })).map(summarizeTrace);
  return options.json ? JSON.stringify(traceListJson(summaries), null, 2) : renderTraceList(summaries, search);
}
