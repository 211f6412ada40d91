import type { BenchResult, BenchRow } from './bench-result';
import { SERVICES, type Component } from './process-stats';

/** What the project aims for, on two cores with the load generator beside the stack, tracing on. */
export const TARGETS = {
  idleRssMbPerService: 80,
  fourServicesRssMb: 400,
  /** Orders per CPU second and highest sustained rate, traced against untraced. */
  tracedShare: 0.9,
  readyAloneMs: 1_000,
  readyTogetherMs: 1_500,
  /** p95s judged against the published run, with this much room for run-to-run noise. */
  latencyNoise: 0.1,
} as const;

export interface TargetVerdict {
  figure: string;
  target: string;
  measured: string;
  /** undefined: not judged (nothing measured, or nothing published to compare with). */
  met: boolean | undefined;
}

export const fourServicesMb = (rss: Partial<Record<Component, number>>): number => SERVICES.reduce((sum, service) => sum + (rss[service] ?? 0), 0);

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? +(a / b).toFixed(2) : undefined);

function atMost(figure: string, measured: number | undefined, limit: number, unit: string, note = ''): TargetVerdict {
  return { figure, target: `< ${limit} ${unit}${note}`, measured: measured === undefined ? '-' : `${measured} ${unit}`, met: measured === undefined ? undefined : measured < limit };
}

function atLeast(figure: string, measured: number | undefined, floor: number): TargetVerdict {
  return { figure, target: `≥ ${floor.toFixed(2)}`, measured: measured === undefined ? '-' : measured.toFixed(2), met: measured === undefined ? undefined : measured >= floor };
}

function noWorse(figure: string, measured: number, published: number | undefined): TargetVerdict {
  if (published === undefined) return { figure, target: 'no published run', measured: `${measured} ms`, met: undefined };
  const limit = Math.round(published * (1 + TARGETS.latencyNoise));
  return { figure, target: `≤ ${limit} ms (published ${published} + ${TARGETS.latencyNoise * 100} %)`, measured: `${measured} ms`, met: measured <= limit };
}

function latencies(row: BenchRow, published: BenchRow | undefined): TargetVerdict[] {
  const at = `traced at ${row.rate}/s`;
  // A published run at another rate or length is no yardstick for this one.
  const same = published && published.rate === row.rate && published.durationS === row.durationS ? published : undefined;
  return [noWorse(`place order p95, ${at}`, row.placeOrderMs.p95, same?.placeOrderMs.p95), noWorse(`placed → paid p95, ${at}`, row.completionP95Ms, same?.completionP95Ms)];
}

/** Every target against this run's figures; latencies against the published run's. */
export function judgeTargets(result: BenchResult, published?: BenchResult): TargetVerdict[] {
  const { untraced, traced } = result;
  const jaeger = result.jaeger;
  return [
    ...SERVICES.map((service) => atMost(`idle RSS, ${service}`, traced.idleRssMb[service], TARGETS.idleRssMbPerService, 'MB')),
    atMost(`RSS four services, traced at ${traced.fixed.rate}/s`, fourServicesMb(traced.fixed.rssMb), TARGETS.fourServicesRssMb, 'MB'),
    atMost('RSS four services, after the load', fourServicesMb(traced.afterLoadRssMb), TARGETS.fourServicesRssMb, 'MB'),
    ...latencies(traced.common, published?.traced.common),
    ...latencies(traced.fixed, published?.traced.fixed),
    atLeast(`orders per CPU s traced/untraced at ${traced.common.rate}/s`, ratio(untraced.common.cpuSecondsPer1000Orders, traced.common.cpuSecondsPer1000Orders), TARGETS.tracedShare),
    atLeast(`orders per CPU s traced/untraced at ${traced.fixed.rate}/s`, ratio(untraced.fixed.cpuSecondsPer1000Orders, traced.fixed.cpuSecondsPer1000Orders), TARGETS.tracedShare),
    atLeast('highest sustained rate traced/untraced', ratio(traced.search.bracket.sustained, untraced.search.bracket.sustained), TARGETS.tracedShare),
    ...SERVICES.map((service) => atMost(`ready alone, ${service}`, traced.readyAloneMs[service], TARGETS.readyAloneMs, 'ms')),
    atMost('ready with all four together, slowest', Math.max(...SERVICES.map((service) => traced.readyTogetherMs[service])), TARGETS.readyTogetherMs, 'ms'),
    jaeger.memoryLimitMb === undefined
      ? { figure: 'Jaeger RSS, highest', target: 'a GOMEMLIMIT', measured: jaeger.peakRssMb === undefined ? '-' : `${jaeger.peakRssMb} MB, no limit set`, met: false }
      : atMost('Jaeger RSS, highest', jaeger.peakRssMb, jaeger.memoryLimitMb, 'MB', ' (its GOMEMLIMIT)'),
  ];
}

/** The verdicts as a table: figure, target, measured, met or not. */
export function targetsTable(verdicts: readonly TargetVerdict[]): string {
  const widths = [Math.max(6, ...verdicts.map((v) => v.figure.length)), Math.max(6, ...verdicts.map((v) => v.target.length)), Math.max(8, ...verdicts.map((v) => v.measured.length))] as const;
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i as 0 | 1 | 2]) : cell))
      .join('  ')
      .trimEnd();
  const verdict = (met: boolean | undefined) => (met === undefined ? '-' : met ? 'met' : 'NOT MET');
  const met = verdicts.filter((v) => v.met === true).length;
  const judged = verdicts.filter((v) => v.met !== undefined).length;
  return [line(['figure', 'target', 'measured', '']), ...verdicts.map((v) => line([v.figure, v.target, v.measured, verdict(v.met)])), `targets met: ${met} of ${judged} judged`].join('\n');
}
