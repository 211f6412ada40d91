import { setTimeout as sleep } from 'node:timers/promises';
import { trace, type Attributes } from '@opentelemetry/api';
import { requestFaultSpec } from './baggage';
import type { FaultStore } from './fault-store';
import { parseSpec } from './grammar';
import { FAULT_KINDS, FAULT_POINTS, type FaultPoint } from './points';
import { createRequestWaits, REQUEST_WAITS_AT_ONCE } from './request-waits';
import type { ActiveRule, FaultRule } from './rule';

/** A rule that fired at a point, with its delay drawn. */
export interface FiredFault extends ActiveRule {
  point: FaultPoint;
  drawnDelayMs?: number;
}

/** Thrown by an `error` or `timeout` fault; services answer it with the rule's status. */
export class FaultInjectedError extends Error {
  override readonly name = 'FaultInjectedError';
  constructor(
    readonly fault: FiredFault,
    readonly status: number,
  ) {
    super(`fault injected at ${fault.point}: ${fault.kind}`);
  }
}

export interface FaultInjectorOptions {
  service: string;
  store: FaultStore;
  startupRules: FaultRule[];
  /** When false, faults in a request's baggage are ignored. */
  perRequest: boolean;
  /** How long a `timeout` fault hangs before failing: longer than any caller waits. */
  hangMs?: number;
  random?: () => number;
  /** What a `crash` fault does; exits the process unless a test says otherwise. */
  crash?: (fault: FiredFault) => void;
  /** Waiting faults (latency, delay, timeout, slow-query) from requests that may run at once. */
  requestWaitsAtOnce?: number;
  /** A monotonic clock in milliseconds, for the waits in progress. */
  now?: () => number;
}

export interface FaultInjector {
  /**
   * The rules that fire at `point` now, each recorded as a `fault.injected` span event.
   * `eligible` leaves out rules that cannot act in the current situation, before they roll.
   */
  fire(point: FaultPoint, eligible?: (rule: ActiveRule) => boolean): FiredFault[];
  /** Ends the process as a `crash` fault does. */
  crash(fault: FiredFault): void;
  /** Applies latency, timeout, error and crash faults at an operation or an outgoing call. */
  atOperation(point: FaultPoint): Promise<void>;
  /**
   * As atOperation, for an outgoing call; returns every fault that fired, so the caller can act
   * on those it alone can (`lose-context`: send the call without the trace context).
   */
  atCall(point: FaultPoint): Promise<FiredFault[]>;
  readonly store: FaultStore;
}

const parsedSpecs = new Map<string, FaultRule[]>();

/**
 * The rules a request's baggage may carry: what the X-Fault header accepts. The gateway checks
 * the header and drops inbound fault baggage, but baggage can also reach a service directly, so
 * each service checks again: a malformed spec is ignored whole, and `crash` (admin API only) is
 * never obeyed from a request.
 */
export function requestRulesOf(spec: string): FaultRule[] {
  let rules = parsedSpecs.get(spec);
  if (!rules) {
    try {
      rules = parseSpec(spec).filter((rule) => rule.kind !== 'crash');
    } catch {
      rules = [];
    }
    if (parsedSpecs.size > 1_000) parsedSpecs.clear();
    parsedSpecs.set(spec, rules);
  }
  return rules;
}

function rulesInBaggage(): ActiveRule[] {
  const spec = requestFaultSpec();
  if (!spec) return [];
  return requestRulesOf(spec).map((rule) => ({ ...rule, source: 'request' }));
}

function applies(rule: FaultRule, point: FaultPoint): boolean {
  const kinds: readonly string[] = FAULT_KINDS[rule.kind];
  return (rule.target === point || point.startsWith(`${rule.target}.`)) && kinds.includes(FAULT_POINTS[point]);
}

/** What a trace says about a fault that fired: the attributes of its `fault.injected` event. */
export function faultAttributes(fault: FiredFault): Attributes {
  return {
    'fault.point': fault.point,
    'fault.target': fault.target,
    'fault.kind': fault.kind,
    'fault.source': fault.source,
    'fault.probability': fault.probability,
    ...(fault.drawnDelayMs !== undefined ? { 'fault.delay_ms': fault.drawnDelayMs } : {}),
    ...(fault.status !== undefined ? { 'fault.status_code': fault.status } : {}),
  };
}

function record(fault: FiredFault): void {
  trace.getActiveSpan()?.addEvent('fault.injected', faultAttributes(fault));
}

export function createFaultInjector(options: FaultInjectorOptions): FaultInjector {
  const random = options.random ?? Math.random;
  const hangMs = options.hangMs ?? 30_000;
  const crash = options.crash ?? (() => process.exit(70));
  const requestWaits = createRequestWaits(options.requestWaitsAtOnce ?? REQUEST_WAITS_AT_ONCE, options.now);

  function fire(point: FaultPoint, eligible: (rule: ActiveRule) => boolean = () => true): FiredFault[] {
    const candidates = [...(options.perRequest ? rulesInBaggage() : []), ...options.startupRules.map((rule) => ({ ...rule, source: 'startup' as const })), ...options.store.list()];
    const fired: FiredFault[] = [];
    for (const rule of candidates) {
      if (!applies(rule, point) || !requestWaits.admits(rule) || !eligible(rule) || random() >= rule.probability) continue;
      const drawnDelayMs = rule.delayMs ? Math.round(rule.delayMs.min + random() * (rule.delayMs.max - rule.delayMs.min)) : undefined;
      const fault: FiredFault = { ...rule, point, ...(drawnDelayMs !== undefined ? { drawnDelayMs } : {}) };
      requestWaits.started(fault, fault.kind === 'timeout' ? hangMs : (drawnDelayMs ?? 0));
      record(fault);
      fired.push(fault);
    }
    return fired;
  }

  // Acts on the faults that act by themselves; returns every one that fired.
  async function apply(point: FaultPoint): Promise<FiredFault[]> {
    const fired = fire(point);
    for (const fault of fired) {
      switch (fault.kind) {
        case 'latency':
          await sleep(fault.drawnDelayMs ?? 0);
          break;
        case 'timeout':
          // Hang past the caller's deadline, then fail: the work never happens late.
          await sleep(hangMs);
          throw new FaultInjectedError(fault, 504);
        case 'error':
          throw new FaultInjectedError(fault, fault.status ?? 500);
        case 'crash':
          crash(fault);
          break;
        default:
          break;
      }
    }
    return fired;
  }

  async function atOperation(point: FaultPoint): Promise<void> {
    await apply(point);
  }

  return { fire, atOperation, atCall: apply, crash, store: options.store };
}
