import { describe, expect, it } from 'vitest';
import { loadScenario, scenarioNames } from './scenario-file';

describe('scenarios.json', () => {
  it('defines the four scenarios the k6 scripts run', () => {
    expect(scenarioNames().sort()).toEqual(['load', 'smoke', 'soak', 'spike']);
  });

  it('takes RATE and DURATION_S for a one-stage arrival scenario, as the k6 scripts do', () => {
    expect(loadScenario('load', { RATE: '3', DURATION_S: '7' }).shape).toEqual({ kind: 'arrival', stages: [{ durationS: 7, ratePerS: 3 }] });
  });

  it('takes VUS and ITERATIONS for an iterations scenario', () => {
    expect(loadScenario('smoke', { ITERATIONS: '2' }).shape).toEqual({ kind: 'iterations', vus: 1, iterations: 2 });
  });

  it('names the known scenarios when asked for another', () => {
    expect(() => loadScenario('stress')).toThrow(/no scenario 'stress' \(known: smoke, load, spike, soak\)/);
  });
});
