import type { Options, Scenario } from 'k6/options';

/** The shapes in load-tests/scenarios.json, shared with the native runner. */
interface Stage {
  durationS: number;
  ratePerS: number;
}
type Shape = { kind: 'iterations'; vus: number; iterations: number } | { kind: 'arrival'; stages: Stage[] };

export interface Journey {
  browseProducts: boolean;
  items: { sku: string; quantity: number }[];
  cardNumber: string;
  pollIntervalMs: number;
  pollTimeoutMs: number;
}

interface ScenarioFile {
  journey: Journey;
  scenarios: Record<string, { description: string; shape: Shape; thresholds: Record<string, string[]> }>;
}

// Read once per VU in the init context, relative to this module.
const file = JSON.parse(open(import.meta.resolve('../../scenarios.json'))) as ScenarioFile;

const envNumber = (name: string): number | undefined => (__ENV[name] ? Number(__ENV[name]) : undefined);

/** RATE and DURATION_S stretch an arrival scenario; VUS and ITERATIONS an iterations one. */
function toK6(shape: Shape): Scenario {
  if (shape.kind === 'iterations') {
    return { executor: 'shared-iterations', vus: envNumber('VUS') ?? shape.vus, iterations: envNumber('ITERATIONS') ?? shape.iterations, maxDuration: '5m' };
  }
  const rate = envNumber('RATE');
  const duration = envNumber('DURATION_S');
  const stages = shape.stages.map((stage) => ({ durationS: duration && shape.stages.length === 1 ? duration : stage.durationS, ratePerS: rate && shape.stages.length === 1 ? rate : stage.ratePerS }));
  const peak = Math.max(...stages.map((stage) => stage.ratePerS));
  return {
    executor: 'ramping-arrival-rate',
    startRate: stages[0]!.ratePerS,
    timeUnit: '1s',
    // A journey polls until its order is final, a few seconds: enough VUs for the peak rate.
    preAllocatedVUs: Math.ceil(peak * 5),
    maxVUs: Math.ceil(peak * 20),
    stages: stages.map((stage) => ({ target: stage.ratePerS, duration: `${stage.durationS}s` })),
  };
}

export function optionsFor(name: string): Options {
  const scenario = file.scenarios[name];
  if (!scenario) throw new Error(`no scenario '${name}' in scenarios.json`);
  return { scenarios: { [name]: toK6(scenario.shape) }, thresholds: scenario.thresholds };
}

export const journey = file.journey;
