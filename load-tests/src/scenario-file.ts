import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OrderLines } from '@tracebed/contracts';

const Stage = z.object({ durationS: z.number().positive(), ratePerS: z.number().nonnegative() });
const Shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('iterations'), vus: z.number().int().positive(), iterations: z.number().int().positive() }),
  z.object({ kind: z.literal('arrival'), stages: z.array(Stage).min(1) }),
]);
const Journey = z.object({
  browseProducts: z.boolean(),
  items: OrderLines,
  cardNumber: z.string(),
  pollIntervalMs: z.number().positive(),
  pollTimeoutMs: z.number().positive(),
});
const ScenarioFile = z.object({
  journey: Journey,
  scenarios: z.record(z.string(), z.object({ description: z.string(), shape: Shape, thresholds: z.record(z.string(), z.array(z.string())) })),
});

export type Stage = z.infer<typeof Stage>;
export type Shape = z.infer<typeof Shape>;
export type Journey = z.infer<typeof Journey>;

export interface Scenario {
  name: string;
  description: string;
  shape: Shape;
  thresholds: Record<string, string[]>;
  journey: Journey;
}

/** load-tests/scenarios.json: the one definition the k6 scripts read too. */
export const SCENARIO_FILE = path.resolve(__dirname, '..', 'scenarios.json');

export function scenarioNames(file = SCENARIO_FILE): string[] {
  return Object.keys(ScenarioFile.parse(JSON.parse(readFileSync(file, 'utf8'))).scenarios);
}

const envNumber = (env: NodeJS.ProcessEnv, name: string) => (env[name] ? Number(env[name]) : undefined);

/**
 * A scenario with the same environment overrides the k6 scripts apply: RATE and DURATION_S for a
 * one-stage arrival scenario, VUS and ITERATIONS for an iterations one.
 */
export function loadScenario(name: string, env: NodeJS.ProcessEnv = {}, file = SCENARIO_FILE): Scenario {
  const parsed = ScenarioFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const scenario = parsed.scenarios[name];
  if (!scenario) throw new Error(`no scenario '${name}' (known: ${Object.keys(parsed.scenarios).join(', ')})`);
  let shape = scenario.shape;
  if (shape.kind === 'iterations') {
    shape = { ...shape, vus: envNumber(env, 'VUS') ?? shape.vus, iterations: envNumber(env, 'ITERATIONS') ?? shape.iterations };
  } else if (shape.stages.length === 1) {
    const [stage] = shape.stages as [Stage];
    shape = { kind: 'arrival', stages: [{ durationS: envNumber(env, 'DURATION_S') ?? stage.durationS, ratePerS: envNumber(env, 'RATE') ?? stage.ratePerS }] };
  }
  return { name, description: scenario.description, shape, thresholds: scenario.thresholds, journey: parsed.journey };
}
