import type { BisectionOutcome } from './bisection';
import type { Component, Service } from './process-stats';

/** A paid order's trace judgement, summed up (the full report holds every broken trace). */
export interface IntegritySummary {
  traces: number;
  whole: number;
  foreignSpans: number;
  missingSpans: number;
  /** Spans in the usual paid order's trace. */
  spansPerTrace: number | undefined;
  line: string;
}

/** One load at one rate, measured. */
export interface BenchRow {
  label: string;
  tracing: boolean;
  rate: number;
  durationS: number;
  ordersPerS: number;
  placeOrderMs: { p50: number; p95: number; p99: number };
  completionP95Ms: number;
  failedRate: number;
  droppedArrivals: number;
  sustained: boolean;
  cpuSecondsPer1000Orders: number;
  cpuByComponent: Partial<Record<Component, number>>;
  /** The highest RSS of each process tree, sampled every second during the load and at its end. */
  rssMb: Partial<Record<Component, number>>;
  /** Every paid order's trace judged: whole, foreign spans, missing spans. */
  integrity: IntegritySummary | undefined;
}

/** Tracing off or on: start-up, idle memory, the common rate, the fixed probe, the highest rate. */
export interface ConfigurationRun {
  tracing: boolean;
  /** From each service's process start to its first ready answer, the four started together. */
  readyTogetherMs: Record<Service, number>;
  /** The same, each service restarted alone while the other three run. */
  readyAloneMs: Record<Service, number>;
  /** After the restarts, before any load. */
  idleRssMb: Partial<Record<Component, number>>;
  common: BenchRow;
  fixed: BenchRow;
  /** A few seconds after the fixed probe ended. */
  afterLoadRssMb: Partial<Record<Component, number>>;
  search: BisectionOutcome;
  /** The probe at the highest sustained rate, when it was one of the search's own. */
  highest: BenchRow | undefined;
  /** Jaeger's highest RSS in any sample of this configuration. */
  jaegerPeakRssMb: number | undefined;
}

export interface BenchResult {
  startedAt: string;
  commit: string | undefined;
  rate: number;
  durationS: number;
  fixedRate: number;
  untraced: ConfigurationRun;
  traced: ConfigurationRun;
  /** Jaeger's highest RSS over every load, and the soft limit its collector keeps the heap under (GOMEMLIMIT). */
  jaeger: { peakRssMb: number | undefined; memoryLimitMb: number | undefined };
}
