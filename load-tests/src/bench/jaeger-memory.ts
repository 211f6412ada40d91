import { environmentOf, stackPids } from './process-stats';

const UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };

/** Go's GOMEMLIMIT (`1536MiB`, `2GiB`, a plain byte count) in MB of 2^20 bytes; undefined when unset or off. */
export function goMemoryLimitMb(value: string | undefined): number | undefined {
  const match = /^(\d+)(B|KiB|MiB|GiB|TiB)?$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  return Math.round((Number(match[1]) * UNITS[match[2] ?? 'B']!) / 2 ** 20);
}

/** The soft memory limit the running Jaeger was started with, read from its environment. */
export function jaegerMemoryLimitMb(stateDir: string): number | undefined {
  const pid = stackPids(stateDir).jaeger;
  return pid === undefined ? undefined : goMemoryLimitMb(environmentOf(pid, 'GOMEMLIMIT'));
}
