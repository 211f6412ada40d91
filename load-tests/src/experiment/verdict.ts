import { samplesBetween, type Samples } from '../recorder';
import { evaluateThresholds } from '../thresholds';
import type { Experiment } from './experiment-file';
import type { Phase } from './phases';

export interface HypothesisLine {
  line: string;
  phase: Phase['name'];
  observed: string;
  held: boolean;
}

/** Every line of the steady-state hypothesis, judged in every phase. */
export function judge(experiment: Experiment, samples: Samples, phases: Phase[]): HypothesisLine[] {
  const limitMs = experiment.hypothesis.orders_final_within_s * 1000;
  return phases.flatMap((phase) => {
    const window = samplesBetween(samples, phase.fromMs, phase.toMs);
    const thresholdLines = evaluateThresholds(experiment.hypothesis.thresholds, window).map((result) => ({
      line: `${result.metric} ${result.expression}`,
      phase: phase.name,
      observed: Number.isNaN(result.observed) ? 'no data' : String(+result.observed.toFixed(4)),
      held: result.passed,
    }));
    const accepted = window.journeys.filter((journey) => journey.accepted);
    const late = accepted.filter((journey) => journey.completionMs === undefined || journey.completionMs > limitMs);
    return [
      ...thresholdLines,
      { line: `accepted orders final within ${experiment.hypothesis.orders_final_within_s} s`, phase: phase.name, observed: `${accepted.length - late.length}/${accepted.length}`, held: late.length === 0 && accepted.length > 0 },
    ];
  });
}
