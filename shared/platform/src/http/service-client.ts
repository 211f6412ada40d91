import { setTimeout as sleep } from 'node:timers/promises';
import { carriesRequestFaults, type FaultInjector, type FaultPoint } from '@tracebed/faults';
import { AppError, upstreamUnavailable } from '../errors';
import { createCircuitBreaker, type CircuitBreakerOptions } from '../resilience/circuit-breaker';
import { attemptTimeoutMs, nextRetryDelay, type RetryOptions } from '../resilience/retry-policy';
import { attemptCall, type CallRequest } from './call-attempt';
import { CALLS_IN_FLIGHT_PER_SERVICE, createCallSlots } from './call-slots';
import { recordCircuitChange, recordCircuitRejected, recordRetry } from './resilience-events';

export interface ServiceClientOptions {
  /** The called service's name, used in error messages, span events and as the circuit's name. */
  service: string;
  baseUrl: string;
  /** The longest one attempt waits for an answer. */
  timeoutMs: number;
  /** Caller-side faults (latency, error, timeout, lose-context) applied to every attempt, within its timeout. */
  faults?: { injector: FaultInjector; point: FaultPoint };
  /** Retries for idempotent calls only: GET, DELETE, and POST marked `{ idempotent: true }`. No retries if left out. */
  retry?: RetryOptions;
  /** Fails calls at once, without sending them, while the service keeps failing. None if left out. */
  circuitBreaker?: Omit<CircuitBreakerOptions, 'onStateChange'>;
  /** At most this many calls to the service in flight at once; the rest wait, within their timeout. */
  maxInFlight?: number;
}

export interface PostOptions {
  /** The callee answers a repeated request like the first one, so the call may be retried. */
  idempotent?: boolean;
}

export interface ServiceClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, options?: PostOptions): Promise<T>;
  delete(path: string): Promise<void>;
}

/**
 * JSON over HTTP to another tracebed service, with a timeout on every attempt. A typed 4xx from
 * the callee is rethrown as the same AppError so it reaches the user intact; a timeout, refused
 * connection or 5xx becomes 503 UPSTREAM_UNAVAILABLE (an injected caller-side error keeps its
 * own status). Idempotent calls are retried on those failures, with exponential backoff and full
 * jitter. The circuit breaker counts calls, not attempts: a call that succeeds on a retry is a
 * success, and the circuit opens when calls keep failing after their retries. Calls for a request
 * carrying per-request faults are not counted at all. At most `maxInFlight` calls are in flight
 * at once (call-slots.ts); the others wait their turn within their attempt's timeout.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const { service } = options;
  const breakerOptions = options.circuitBreaker;
  const breaker =
    breakerOptions &&
    createCircuitBreaker({ ...breakerOptions, onStateChange: (change) => recordCircuitChange(service, change, breakerOptions.cooldownMs) });

  const target = { ...options, slots: createCallSlots(options.maxInFlight ?? CALLS_IN_FLIGHT_PER_SERVICE) };

  function refuse(): AppError {
    if (breaker) recordCircuitRejected(service, breaker);
    return upstreamUnavailable(`${service} circuit open`);
  }

  async function call(request: CallRequest): Promise<unknown> {
    // A call for a request that carries its own faults is that client's experiment: it obeys an
    // open circuit but never reports to it, so it can neither open nor close the circuit for
    // everyone else (nor take the half-open trial, which must be evidence).
    const experiment = carriesRequestFaults();
    const permit = experiment ? undefined : breaker?.tryAcquire();
    if (breaker && (experiment ? breaker.state !== 'closed' : !permit)) throw refuse();
    // The half-open trial is one request: if it fails, the circuit just opens again.
    const retry = request.idempotent && !permit?.isTrial ? options.retry : undefined;
    const startedAt = performance.now();
    const elapsed = () => performance.now() - startedAt;
    try {
      for (let attempt = 1; ; attempt++) {
        if (attempt > 1 && breaker?.state === 'open') throw refuse(); // other calls opened it meanwhile
        const outcome = await attemptCall(target, request, attemptTimeoutMs(options.timeoutMs, retry, elapsed()), attempt - 1);
        if (outcome.ok || !outcome.upstreamFailed) permit?.succeeded();
        if (outcome.ok) return outcome.body;
        const delay = outcome.retryable && retry ? nextRetryDelay(retry, attempt, elapsed()) : undefined;
        if (delay === undefined) throw outcome.error;
        recordRetry(service, request.method, attempt, delay, outcome.reason);
        await sleep(delay);
      }
    } finally {
      permit?.failed(); // every way out but success; a permit counts only its first report
    }
  }

  return {
    get: async <T>(path: string) => (await call({ method: 'GET', path, idempotent: true })) as T,
    post: async <T>(path: string, body: unknown, postOptions?: PostOptions) =>
      (await call({ method: 'POST', path, body, idempotent: postOptions?.idempotent ?? false })) as T,
    delete: async (path: string) => {
      await call({ method: 'DELETE', path, idempotent: true });
    },
  };
}
