import type { Stage } from './scenario-file';

/**
 * When each journey starts, in ms from the start, for stages that ramp linearly from the previous
 * stage's rate to their own (k6's ramping-arrival-rate; the first stage starts at its own rate).
 * The n-th arrival is where the integral of the rate reaches n: an open model, so a slow shop
 * does not slow the arrivals.
 */
export function arrivalTimes(stages: Stage[]): number[] {
  const times: number[] = [];
  let startS = 0;
  let fromRate = stages[0]?.ratePerS ?? 0;
  let due = 0; // arrivals owed so far, fractional
  let next = 0; // index of the next arrival
  for (const stage of stages) {
    const steps = Math.max(1, Math.round(stage.durationS * 1000)); // 1 ms resolution
    const slope = (stage.ratePerS - fromRate) / stage.durationS;
    for (let step = 0; step < steps; step += 1) {
      const t = ((step + 0.5) / steps) * stage.durationS; // midpoint: exact for linear ramps
      const rate = fromRate + slope * t;
      due += rate / 1000;
      while (due >= next + 1 - 1e-9) {
        times.push(Math.floor((startS + t) * 1000));
        next += 1;
      }
    }
    startS += stage.durationS;
    fromRate = stage.ratePerS;
  }
  return times;
}

export const totalDurationS = (stages: Stage[]) => stages.reduce((sum, stage) => sum + stage.durationS, 0);
