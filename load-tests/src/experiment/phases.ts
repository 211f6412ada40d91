import type { FaultStep } from './experiment-file';

export interface Phase {
  name: 'before' | 'during' | 'after';
  fromMs: number;
  toMs: number;
}

/** Before the first fault, while any fault may act, after the last is cleared. */
export function phasesOf(faults: FaultStep[], durationS: number): Phase[] {
  const first = Math.min(...faults.map((step) => step.at_s)) * 1000;
  const last = Math.max(...faults.map((step) => step.clear_at_s)) * 1000;
  return [
    { name: 'before' as const, fromMs: 0, toMs: first },
    { name: 'during' as const, fromMs: first, toMs: last },
    { name: 'after' as const, fromMs: last, toMs: durationS * 1000 },
  ].filter((phase) => phase.toMs > phase.fromMs);
}
