import { UsageError } from './usage-error';

const MICROSECONDS: Record<string, number> = { us: 1, µs: 1, ms: 1_000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000, d: 86_400_000_000 };

/** `15m`, `1h`, `30s`, `1.5s` in microseconds; a usage error for anything else. */
export function parseDurationUs(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)(us|µs|ms|s|m|h|d)$/.exec(text.trim());
  const value = match ? Number(match[1]) * (MICROSECONDS[match[2] ?? ''] ?? 0) : 0;
  if (!match || value <= 0) throw new UsageError(`${option} '${text}' is not a duration (use e.g. 200ms, 30s, 15m, 1h)`);
  return Math.round(value);
}

/**
 * A duration as Jaeger's search takes it (Go's duration syntax, one unit): checked here so a
 * typo is a usage error rather than Jaeger's 400.
 */
export function jaegerDuration(text: string, option: string): string {
  if (!/^\d+(?:\.\d+)?(ns|us|µs|ms|s|m|h)$/.test(text.trim())) throw new UsageError(`${option} '${text}' is not a duration Jaeger takes (use e.g. 200ms, 1.5s, 2m)`);
  return text.trim();
}

export const ms = (us: number) => `${(us / 1_000).toFixed(1)}ms`;
export const signedMs = (us: number) => `${us >= 0 ? '+' : '-'}${ms(Math.abs(us))}`;
/** Milliseconds with microsecond precision, for JSON. */
export const exactMs = (us: number) => Math.round(us) / 1_000;

/** A step or window as people write it: `1m`, `30s`, `90s`, `250ms`. */
export function shortDuration(us: number): string {
  if (us % 3_600_000_000 === 0) return `${us / 3_600_000_000}h`;
  if (us % 60_000_000 === 0) return `${us / 60_000_000}m`;
  if (us % 1_000_000 === 0) return `${us / 1_000_000}s`;
  return `${us / 1_000}ms`;
}
