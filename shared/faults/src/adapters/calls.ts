import type { Attributes } from '@opentelemetry/api';
import { faultAttributes, type FaultInjector } from '../injector';
import type { FaultPoint } from '../points';

/** An outgoing call's fault point, with the injector that fires there. */
export interface CallFaults {
  injector: FaultInjector;
  point: FaultPoint;
}

/** What the faults that fired ask of the attempt about to be sent. */
export interface CallFaultEffects {
  /** Set when a `lose-context` fault fired: send without the trace context; the attributes of that fault. */
  withheldContext?: Attributes;
}

/**
 * Applies the caller-side faults of one attempt before it is sent, within the attempt's deadline:
 * an injected `timeout` hangs until `signal` aborts, like an unanswered call, injected latency
 * fails the attempt only if it outlasts the deadline, and `error` throws FaultInjectedError.
 */
export async function faultsBeforeCall(faults: CallFaults | undefined, signal: AbortSignal): Promise<CallFaultEffects> {
  if (!faults) return {};
  const fired = await settleWithin(faults.injector.atCall(faults.point), signal);
  const lost = fired.find((fault) => fault.kind === 'lose-context');
  return lost ? { withheldContext: faultAttributes(lost) } : {};
}

/** Waits for `work` unless the signal aborts first; a late rejection of `work` is then ignored. */
function settleWithin<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
