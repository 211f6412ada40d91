import type { FaultKind } from './points';

/** Where a rule came from; written into the trace with every fault it injects. */
export type FaultSource = 'request' | 'admin' | 'startup';

/** One fault: at `target` (a point or a whole service), do `kind`, with `probability`. */
export interface FaultRule {
  target: string;
  kind: FaultKind;
  probability: number;
  /** latency, delay, slow-query: a fixed delay or a range to draw from. */
  delayMs?: { min: number; max: number };
  /** error: the HTTP status the failing operation answers with. */
  status?: number;
}

export interface ActiveRule extends FaultRule {
  source: FaultSource;
  /** Epoch milliseconds after which the rule no longer applies (admin rules have a TTL). */
  expiresAt?: number;
}
