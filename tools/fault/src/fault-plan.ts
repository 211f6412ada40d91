import { UsageError } from './usage-error';
import { FaultSpecError, formatSpec, MAX_TTL_MS, parseRule, parseSpec, pointsOf, SERVICES, type FaultRule } from '@tracebed/faults';

/** What the fault CLI sends where: pure decisions, no I/O. */
export type Service = (typeof SERVICES)[number];

export const isService = (name: string): name is Service => (SERVICES as readonly string[]).includes(name);

/** The service a target belongs to: `orders` for both `orders` and `orders.db`. */
export function serviceOf(target: string): Service {
  const service = pointsOf(target)[0]?.split('.')[0] ?? '';
  if (!isService(service)) throw new FaultSpecError(`unknown target '${target}'`);
  return service;
}

/** A spec's rules grouped by the service each targets, in the order services are listed. */
export function splitByService(rules: readonly FaultRule[]): Map<Service, FaultRule[]> {
  const byService = new Map<Service, FaultRule[]>();
  for (const service of SERVICES) {
    const own = rules.filter((rule) => serviceOf(rule.target) === service);
    if (own.length > 0) byService.set(service, own);
  }
  return byService;
}

/**
 * The spec a service should hold after `set`: its existing admin rules (as the admin API wrote
 * them) plus the new ones; a new rule replaces an existing one with the same target and kind.
 * Throws FaultSpecError when the result breaks the grammar's limits (rule count, length).
 */
export function mergedSpec(existing: readonly string[], added: readonly FaultRule[]): string {
  const replaced = (rule: FaultRule) => added.some((next) => next.target === rule.target && next.kind === rule.kind);
  const kept = existing.map(parseRule).filter((rule) => !replaced(rule));
  const spec = formatSpec([...kept, ...added]);
  parseSpec(spec);
  return spec;
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600 };

/** `--ttl` as seconds: `90s`, `10m`, `1h`, or bare seconds; at most the admin API's maximum. */
export function parseTtl(text: string): number {
  const match = /^(\d+)([smh]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (TTL_UNITS[match[2] || 's'] ?? 1) : Number.NaN;
  const maxSeconds = MAX_TTL_MS / 1_000;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > maxSeconds) {
    throw new UsageError(`--ttl '${text}' is not a duration from 1s to ${maxSeconds / 3_600}h (use e.g. 90s, 10m, 1h)`);
  }
  return seconds;
}
