import path from 'node:path';
import { integrityLine } from '@tracebed/testkit';
import { runLoad, type Progress } from '../run-load';
import { loadScenario } from '../scenario-file';
import { missingStock } from '../stock-check';
import { summarize } from '../summary';
import { exampleTraces } from './example-traces';
import type { Experiment } from './experiment-file';
import { prepareFaultTimeline, type FaultTimeline, type TimelineEvent } from './fault-timeline';
import { phasesOf } from './phases';
import { followStragglers } from './stragglers';
import { overallVerdict, writeReport, type ExperimentResult } from './report';
import { experimentTraceIntegrity } from './trace-integrity';
import { judge } from './verdict';

export interface ExperimentOptions {
  env: NodeJS.ProcessEnv;
  reportsDir: string;
  log: (line: string) => void;
}

async function isReady(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(new URL('/readyz', baseUrl), { signal: AbortSignal.timeout(3_000) })).ok;
  } catch {
    return false;
  }
}

/** Steady state first, then load with the faults on schedule, then the verdict and the report. */
export async function runExperiment(experiment: Experiment, options: ExperimentOptions): Promise<{ result: ExperimentResult; folder: string }> {
  const { env, log } = options;
  const baseUrl = env.BASE_URL ?? 'http://127.0.0.1:8080';
  const jaegerUrl = env.JAEGER_URL ?? 'http://127.0.0.1:16686';
  if (!(await isReady(baseUrl))) throw new Error(`the shop at ${baseUrl} is not ready: start it with make up`);

  const scenario = loadScenario(experiment.load.scenario, { RATE: String(experiment.load.rate), DURATION_S: String(experiment.load.duration_s) });
  const shortage = await missingStock(baseUrl, scenario);
  if (shortage) throw new Error(`not starting: ${shortage}`);
  const phases = phasesOf(experiment.faults, experiment.load.duration_s);
  log(`experiment ${experiment.name}: ${experiment.load.rate} journeys/s for ${experiment.load.duration_s} s; phases ${phases.map((p) => `${p.name} ${p.fromMs / 1000}-${p.toMs / 1000} s`).join(', ')}`);

  const faultTimeline = prepareFaultTimeline(experiment.faults, env);
  let timeline: FaultTimeline | undefined;
  const startedAt = new Date();
  const printed = new Set<TimelineEvent>();
  const run = await runLoad({
    scenario,
    baseUrl,
    otlpEndpoint: env.OTLP_ENDPOINT ?? 'http://127.0.0.1:4318',
    progressEveryMs: Number(env.PROGRESS_EVERY_MS ?? 5_000),
    onStart: (recorder) => {
      timeline = faultTimeline.start(recorder.now);
    },
    onProgress: (progress: Progress) => {
      for (const event of timeline?.events ?? []) {
        if (printed.has(event)) continue;
        printed.add(event);
        log(`  t=${(event.atMs / 1000).toFixed(1)}s ${event.action} ${event.rule} on ${event.service}${event.error ? ` FAILED: ${event.error}` : ''}`);
      }
      log(`  t=${progress.elapsedS}s started ${progress.started} in flight ${progress.inFlight} failed requests ${progress.failedRequests} place_order p95 ${Number.isNaN(progress.placeOrderP95Ms) ? '-' : `${progress.placeOrderP95Ms} ms`}`);
    },
  }).finally(() => timeline?.stop());

  const stragglers = run.recorder.journeys.filter((journey) => journey.accepted && journey.finalStatus === undefined).length;
  if (stragglers > 0) log(`  following ${stragglers} accepted orders not final yet, for up to ${experiment.hypothesis.orders_final_within_s} s after each was accepted`);
  await followStragglers(run.recorder.journeys, baseUrl, run.recorder.startedAt, experiment.hypothesis.orders_final_within_s);

  const result: ExperimentResult = {
    experiment,
    startedAt,
    run,
    phases,
    lines: judge(experiment, run.recorder, phases),
    timeline: timeline?.events ?? [],
    examples: await exampleTraces(run.recorder, jaegerUrl),
    integrity: await experimentTraceIntegrity(run.recorder.journeys, phases, jaegerUrl),
    jaegerUiUrl: env.JAEGER_UI_URL ?? jaegerUrl,
  };
  const summary = summarize(run);
  const folder = writeReport(result, summary, options.reportsDir);
  for (const line of result.lines) log(`  ${line.held ? '✔' : '✘'} ${line.phase.padEnd(6)} ${line.line}   observed ${line.observed}`);
  log(`  traces: ${integrityLine(result.integrity)}`);
  log(overallVerdict(result));
  // In a container the folder is a mount: REPORTS_SHOWN_AS names it as the user sees it.
  const shown = env.REPORTS_SHOWN_AS ? path.join(env.REPORTS_SHOWN_AS, path.relative(options.reportsDir, folder)) : folder;
  log(`report: ${shown}/report.html`);
  return { result, folder };
}
