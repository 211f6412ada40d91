export type LogEntry = Record<string, unknown>;

/** Fields the line's head already shows, or that say nothing about the event. */
const SHOWN_ELSEWHERE = new Set(['level', 'time', 'service', 'msg', 'trace_id', 'span_id', 'trace_flags', 'pid', 'hostname']);

/** A JSON log line as an object; anything else (a start banner, a stack trace line) is undefined. */
export function parseLogLine(line: string): LogEntry | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as LogEntry) : undefined;
  } catch {
    return undefined;
  }
}

export const isOfTrace = (entry: LogEntry, traceId: string) => typeof entry.trace_id === 'string' && entry.trace_id.toLowerCase() === traceId.toLowerCase();

/** Milliseconds since the epoch from pino's ISO time or its epoch milliseconds; undefined when neither. */
export function timeOf(entry: LogEntry): number | undefined {
  const time = typeof entry.time === 'number' ? entry.time : typeof entry.time === 'string' ? Date.parse(entry.time) : Number.NaN;
  return Number.isFinite(time) ? time : undefined;
}

/** In time order; lines without a time last, in the order they were read. */
export function sortByTime(entries: readonly LogEntry[]): LogEntry[] {
  return [...entries].sort((a, b) => (timeOf(a) ?? Number.POSITIVE_INFINITY) - (timeOf(b) ?? Number.POSITIVE_INFINITY));
}

const quoted = (value: string) => (value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value);

function pairs(key: string, value: unknown): string[] {
  if (value === null || value === undefined) return [`${key}=${String(value)}`];
  if (typeof value === 'string') return [`${key}=${quoted(value)}`];
  if (typeof value !== 'object') return [`${key}=${String(value)}`];
  if (Array.isArray(value)) return [`${key}=${JSON.stringify(value)}`];
  // One level of nesting, dotted (err.type, err.message); a stack trace is for --json.
  return Object.entries(value)
    .filter(([inner]) => inner !== 'stack')
    .map(([inner, innerValue]) => `${key}.${inner}=${typeof innerValue === 'string' ? quoted(innerValue) : JSON.stringify(innerValue)}`);
}

const clock = (ms: number | undefined) => (ms === undefined ? '??:??:??.???' : new Date(ms).toISOString().slice(11, 23));
const text = (value: unknown, fallback: string) => (value === undefined || value === null ? fallback : String(value));

/** `HH:MM:SS.mmm service level msg key=value … span_id=<first 8>` (UTC). */
export function formatLogEntry(entry: LogEntry): string {
  const fields = Object.entries(entry)
    .filter(([key]) => !SHOWN_ELSEWHERE.has(key))
    .flatMap(([key, value]) => pairs(key, value));
  const span = typeof entry.span_id === 'string' ? [`span_id=${entry.span_id.slice(0, 8)}`] : [];
  return [clock(timeOf(entry)), text(entry.service, '-'), text(entry.level, '-').padEnd(5), text(entry.msg, ''), ...fields, ...span].join(' ');
}
