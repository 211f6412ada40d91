import type { FaultKind } from './points';
import type { ActiveRule } from './rule';

/**
 * Kinds of fault that wait, and hold whatever the work holds meanwhile: a consumer's prefetch
 * slot, a socket, a pooled connection.
 */
const WAITING_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(['latency', 'delay', 'timeout', 'slow-query']);

/**
 * Waiting faults from requests that one service runs at once. The gateway limits faulted requests
 * in flight, but a request's faults also act later, in consumers (e.g. `payments.consume=delay:30s`
 * on many orders): this keeps them from holding more than 4 of a consumer's 10 prefetch slots.
 */
export const REQUEST_WAITS_AT_ONCE = 4;

export interface RequestWaits {
  /** False for a request's waiting rule while the service already runs as many as it allows. */
  admits(rule: ActiveRule): boolean;
  /** Counts a fired fault as waiting for `ms` from now, if it is a request's waiting fault. */
  started(fault: ActiveRule, ms: number): void;
}

const isRequestWait = (rule: ActiveRule) => rule.source === 'request' && WAITING_KINDS.has(rule.kind);

export function createRequestWaits(atOnce = REQUEST_WAITS_AT_ONCE, now: () => number = () => performance.now()): RequestWaits {
  let endsAt: number[] = [];
  const waiting = () => {
    const at = now();
    endsAt = endsAt.filter((end) => end > at);
    return endsAt.length;
  };
  return {
    admits: (rule) => !isRequestWait(rule) || waiting() < atOnce,
    started: (fault, ms) => {
      if (isRequestWait(fault)) endsAt.push(now() + ms);
    },
  };
}
