/** One HTTP request the runner made. */
export interface RequestSample {
  name: string;
  atMs: number;
  durationMs: number;
  status: number;
  failed: boolean;
  traceId: string;
}

export interface CheckSample {
  name: string;
  atMs: number;
  ok: boolean;
  traceId: string;
}

export interface JourneySample {
  atMs: number;
  /** The shop answered 202: from here on the order must reach a final state. */
  accepted: boolean;
  orderId?: string;
  completionMs: number | undefined;
  finalStatus: string | undefined;
  traceId: string;
  /** The runner's own span for placing the order, the trace's root when exported. */
  placeSpanId?: string;
}

/** Everything a run observed, in the time frame of its start; what thresholds and reports read. */
export function createRecorder(startedAt = Date.now()) {
  const requests: RequestSample[] = [];
  const checks: CheckSample[] = [];
  const journeys: JourneySample[] = [];
  return {
    startedAt,
    requests,
    checks,
    journeys,
    now: () => Date.now() - startedAt,
    request: (sample: RequestSample) => requests.push(sample),
    check: (sample: CheckSample) => checks.push(sample),
    journey: (sample: JourneySample) => journeys.push(sample),
  };
}

export type Recorder = ReturnType<typeof createRecorder>;

/** The samples a verdict is drawn from: a whole run, or one window of it. */
export type Samples = Pick<Recorder, 'requests' | 'checks' | 'journeys'>;

/** The samples that started within [fromMs, toMs). */
export function samplesBetween(samples: Samples, fromMs: number, toMs: number): Samples {
  const inside = (sample: { atMs: number }) => sample.atMs >= fromMs && sample.atMs < toMs;
  return { requests: samples.requests.filter(inside), checks: samples.checks.filter(inside), journeys: samples.journeys.filter(inside) };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
