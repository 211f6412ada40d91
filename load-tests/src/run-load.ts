import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { arrivalTimes, totalDurationS } from './arrivals';
import { createRecorder, percentile, type Recorder } from './recorder';
import type { Scenario } from './scenario-file';
import { runShopJourney } from './shop-journey';
import { createSpanExport, type SpanCounts } from './span-export';
import { evaluateThresholds, type ThresholdResult } from './thresholds';

export interface Progress {
  elapsedS: number;
  started: number;
  inFlight: number;
  finished: number;
  failedRequests: number;
  placeOrderP95Ms: number;
}

export interface LoadOptions {
  scenario: Scenario;
  baseUrl: string;
  /** Jaeger's (or a collector's) OTLP/HTTP endpoint for the generator's own spans; none: not exported. */
  otlpEndpoint?: string;
  /** Where the generator's spans go instead of otlpEndpoint, e.g. an in-memory exporter. */
  spanExporter?: SpanExporter;
  headers?: Record<string, string>;
  onProgress?: (progress: Progress) => void;
  progressEveryMs?: number;
  /** Called once the run has started, with the recorder's clock: experiments schedule faults on it. */
  onStart?: (recorder: Recorder) => void;
}

export interface LoadRun {
  scenario: Scenario;
  recorder: Recorder;
  thresholds: ThresholdResult[];
  passed: boolean;
  /** Arrivals not started because too many journeys were still in flight (k6: dropped_iterations). */
  droppedArrivals: number;
  /** The generator's own spans, counted once all were flushed at the end of the run. */
  generatorSpans: SpanCounts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const { scenario } = options;
  const recorder = createRecorder();
  const spans = createSpanExport({ endpoint: options.otlpEndpoint, exporter: options.spanExporter });
  const deps = { baseUrl: options.baseUrl, journey: scenario.journey, recorder, tracer: spans.tracer, ...(options.headers ? { headers: options.headers } : {}) };
  const running = new Set<Promise<void>>();
  let started = 0;
  let droppedArrivals = 0;
  let generatorSpans: SpanCounts;
  const launch = () => {
    started += 1;
    const journey = runShopJourney(deps).finally(() => running.delete(journey));
    running.add(journey);
  };

  options.onStart?.(recorder);
  const progressTimer = setInterval(() => {
    const recent = recorder.requests.filter((request) => request.name === 'place_order' && request.atMs > recorder.now() - 5_000).map((request) => request.durationMs);
    options.onProgress?.({
      elapsedS: Math.round(recorder.now() / 1000),
      started,
      inFlight: running.size,
      finished: recorder.journeys.length,
      failedRequests: recorder.requests.filter((request) => request.failed).length,
      placeOrderP95Ms: percentile(recent, 95),
    });
  }, options.progressEveryMs ?? 5_000);

  try {
    if (scenario.shape.kind === 'iterations') {
      const { vus, iterations } = scenario.shape;
      const worker = async () => {
        while (started < iterations) {
          started += 1;
          await runShopJourney(deps);
        }
      };
      await Promise.all(Array.from({ length: vus }, worker));
    } else {
      const peak = Math.max(...scenario.shape.stages.map((stage) => stage.ratePerS));
      // As k6's maxVUs: beyond this many journeys in flight the shop is not keeping up; the rest are dropped and counted.
      const maxInFlight = Math.max(10, Math.ceil(peak * 20));
      for (const at of arrivalTimes(scenario.shape.stages)) {
        await sleep(at - recorder.now());
        if (running.size >= maxInFlight) droppedArrivals += 1;
        else launch();
      }
      await sleep(totalDurationS(scenario.shape.stages) * 1000 - recorder.now());
    }
    await Promise.all([...running]);
  } finally {
    clearInterval(progressTimer);
    generatorSpans = await spans.close();
  }

  const thresholds = evaluateThresholds(scenario.thresholds, recorder);
  return {
    scenario,
    recorder,
    thresholds,
    passed: thresholds.every((threshold) => threshold.passed) && droppedArrivals === 0,
    droppedArrivals,
    generatorSpans,
  };
}
