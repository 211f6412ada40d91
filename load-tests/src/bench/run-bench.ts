import { execFileSync } from 'node:child_process';
import { runLoad } from '../run-load';
import { loadScenario } from '../scenario-file';
import { missingStock } from '../stock-check';
import type { BenchResult, BenchRow, ConfigurationRun } from './bench-result';
import { searchHighestRate, type BisectionOptions } from './bisection';
import { jaegerMemoryLimitMb } from './jaeger-memory';
import { measureLoad, type LoadProbe } from './measure-load';
import { sampleRss, type Service } from './process-stats';
import { restartEachAlone, restartTogether } from './service-restart';

export interface BenchOptions extends LoadProbe {
  repoRoot: string;
  serviceUrls: Record<Service, string>;
  /** The common rate, measured for DURATION_S with tracing off and on. */
  rate: number;
  durationS: number;
  /** The fixed probe (100 orders/s), where the memory target is set. */
  fixedRate: number;
  /** How long the fixed probe and each probe of the search run. */
  probeDurationS: number;
  maxProbes: number;
}

const TRACING_OFF = { OTEL_SDK_DISABLED: 'true' };
const IDLE_SETTLE_MS = 3_000;
const AFTER_LOAD_MS = 5_000;
const WARM_UP_S = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function searchOptions(options: BenchOptions): BisectionOptions {
  return { startRate: options.rate * 2, stepFactor: 1.5, relativeResolution: 0.05, absoluteResolution: 5, maxRate: Math.max(options.rate * 16, options.fixedRate * 4), maxProbes: options.maxProbes };
}

/** Every journey the bench may start, at most: it refuses to run out of stock half-way. */
function journeysAtMost(options: BenchOptions): number {
  const perConfiguration = options.rate * (WARM_UP_S + options.durationS) + (options.fixedRate + options.maxProbes * searchOptions(options).maxRate) * options.probeDurationS;
  return 2 * Math.ceil(perConfiguration);
}

async function runConfiguration(options: BenchOptions, tracing: boolean): Promise<ConfigurationRun> {
  const name = tracing ? 'traced' : 'untraced';
  const env = tracing ? {} : TRACING_OFF;
  options.log(`${name}: restarting the four services together, then each alone`);
  const readyTogetherMs = await restartTogether(options, env);
  const readyAloneMs = await restartEachAlone(options, env);
  await sleep(IDLE_SETTLE_MS);
  const idleRssMb = sampleRss(options.stateDir);
  options.log(`  ready together ${JSON.stringify(readyTogetherMs)} ms, alone ${JSON.stringify(readyAloneMs)} ms; idle RSS ${JSON.stringify(idleRssMb)} MB`);
  await runLoad({ scenario: loadScenario('load', { RATE: String(options.rate), DURATION_S: String(WARM_UP_S) }), baseUrl: options.baseUrl, progressEveryMs: 3_600_000 });
  const common = await measureLoad(options, name, tracing, options.rate, options.durationS);
  const fixed = await measureLoad(options, `${name} at ${options.fixedRate}/s`, tracing, options.fixedRate, options.probeDurationS);
  await sleep(AFTER_LOAD_MS);
  const afterLoadRssMb = sampleRss(options.stateDir);
  const probes = new Map<number, BenchRow>();
  const search = await searchHighestRate(
    async (rate) => {
      const row = await measureLoad(options, `${name} at ${rate}/s`, tracing, rate, options.probeDurationS);
      probes.set(rate, row);
      return row.sustained;
    },
    searchOptions(options),
    [
      { rate: common.rate, sustained: common.sustained },
      { rate: fixed.rate, sustained: fixed.sustained },
    ],
  );
  const best = search.bracket.sustained;
  options.log(`  ${name}: highest sustained ${best ?? 'none'}/s, first unsustained ${search.bracket.unsustained ?? 'none'}/s${search.capped ? ' (probe cap reached)' : ''}`);
  const rows = [common, fixed, ...probes.values()];
  return {
    tracing,
    readyTogetherMs,
    readyAloneMs,
    idleRssMb,
    common,
    fixed,
    afterLoadRssMb,
    search,
    highest: best === undefined ? undefined : rows.find((row) => row.rate === best),
    jaegerPeakRssMb: jaegerPeakMb([idleRssMb, afterLoadRssMb, ...rows.map((row) => row.rssMb)]),
  };
}

function currentCommit(repoRoot: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Jaeger's highest RSS in any sample of these. */
function jaegerPeakMb(samples: Partial<Record<string, number>>[]): number | undefined {
  const peak = Math.max(0, ...samples.map((rss) => rss.jaeger ?? 0));
  return peak > 0 ? peak : undefined;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const shortage = await missingStock(options.baseUrl, loadScenario('load'), journeysAtMost(options));
  if (shortage) throw new Error(`not starting: ${shortage}`);
  const startedAt = new Date().toISOString();
  const untraced = await runConfiguration(options, false);
  // The traced configuration last: the stack is left running as `make up` starts it.
  const traced = await runConfiguration(options, true);
  return {
    startedAt,
    commit: currentCommit(options.repoRoot),
    rate: options.rate,
    durationS: options.durationS,
    fixedRate: options.fixedRate,
    untraced,
    traced,
    jaeger: { peakRssMb: jaegerPeakMb([{ jaeger: untraced.jaegerPeakRssMb }, { jaeger: traced.jaegerPeakRssMb }]), memoryLimitMb: jaegerMemoryLimitMb(options.stateDir) },
  };
}
