import { context, createContextKey, type Context } from '@opentelemetry/api';
import { FaultInjectedError, faultsBeforeCall, type CallFaultEffects, type CallFaults } from '@tracebed/faults';
import { AppError, upstreamUnavailable, type ErrorBody } from '../errors';
import type { CallSlots } from './call-slots';
import { recordCallQueued } from './resilience-events';

export interface CallTarget {
  service: string;
  baseUrl: string;
  faults?: CallFaults | undefined;
  /** Bounds this process's calls in flight to the service; none if left out. */
  slots?: CallSlots | undefined;
}

export interface CallRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  /** Sending it twice has the effect of sending it once, so it may be retried. */
  idempotent: boolean;
}

/**
 * One attempt: the answer's body, or the error to surface with what it means. `retryable`:
 * another attempt may succeed. `upstreamFailed`: it counts against the callee's circuit.
 */
export type AttemptOutcome = { ok: true; body: unknown } | { ok: false; error: Error; reason: string; retryable: boolean; upstreamFailed: boolean };

// Read by the HTTP client instrumentation (@tracebed/telemetry, resend-count.ts) to mark a
// resent call's span with http.request.resend_count; the same Symbol.for key there.
const RESEND_COUNT_KEY = createContextKey('tracebed.http.request.resend_count');
// Read by the propagator and the client instrumentation (@tracebed/telemetry, withheld-context.ts):
// the call goes out without the trace context, and its span carries the fault that did it.
const CONTEXT_WITHHELD_KEY = createContextKey('tracebed.http.request.context_withheld');

/** Gateway and availability answers: the next attempt may meet a healthy instance or a recovered one. */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Sends one attempt, caller-side faults included, within `timeoutMs`: an injected `timeout`
 * hangs past the deadline like an unanswered call, injected latency fails the attempt only if
 * it pushes it past the deadline, and `lose-context` sends it without the trace context.
 */
export async function attemptCall(target: CallTarget, request: CallRequest, timeoutMs: number, resendCount = 0): Promise<AttemptOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let text: string;
  let free: (() => void) | undefined;
  try {
    const effects = await faultsBeforeCall(target.faults, signal);
    free = await takeSlot(target, request, signal);
    const send = () =>
      fetch(new URL(request.path, target.baseUrl), {
        method: request.method,
        headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
        body: request.body === undefined ? null : JSON.stringify(request.body),
        signal,
      });
    response = await context.with(callContext(resendCount, effects), send);
    text = await response.text();
  } catch (error) {
    return unanswered(target.service, error, timeoutMs);
  } finally {
    free?.();
  }
  return answered(target.service, response.status, text ? safeJson(text) : undefined);
}

async function takeSlot(target: CallTarget, request: CallRequest, signal: AbortSignal): Promise<(() => void) | undefined> {
  if (!target.slots) return undefined;
  const queuedAt = performance.now();
  const queued = target.slots.inFlight >= target.slots.limit;
  const free = await target.slots.take(signal);
  if (queued) recordCallQueued(target.service, request.method, performance.now() - queuedAt, target.slots.limit);
  return free;
}

/** The context the request is sent in: which resend it is, and whether its trace context is withheld. */
function callContext(resendCount: number, effects: CallFaultEffects): Context {
  const active = context.active().setValue(RESEND_COUNT_KEY, resendCount);
  return effects.withheldContext ? active.setValue(CONTEXT_WITHHELD_KEY, effects.withheldContext) : active;
}

function unanswered(service: string, error: unknown, timeoutMs: number): AttemptOutcome {
  if (error instanceof FaultInjectedError) {
    return { ok: false, error, reason: 'fault_injected', retryable: RETRYABLE_STATUSES.has(error.status), upstreamFailed: true };
  }
  if ((error as Error).name === 'TimeoutError') {
    return { ok: false, error: upstreamUnavailable(`${service} is no answer within ${timeoutMs} ms`), reason: 'timeout', retryable: true, upstreamFailed: true };
  }
  return { ok: false, error: upstreamUnavailable(`${service} is unreachable`), reason: 'unreachable', retryable: true, upstreamFailed: true };
}

/**
 * A typed 4xx is rethrown as the same AppError so it reaches the user intact; the callee is
 * healthy, so it is neither retried nor counted. Any other 5xx is the callee's own failure,
 * except a 503 in which the callee, up and answering at once, names a failure below it.
 */
function answered(service: string, status: number, body: unknown): AttemptOutcome {
  if (status >= 200 && status < 300) return { ok: true, body };
  const reason = `http_${status}`;
  const typed = isErrorBody(body) ? body.error : undefined;
  if (status < 500) {
    const error = typed ? new AppError(typed.code, typed.message, status, typed.details) : upstreamUnavailable(`${service} answered ${status}`);
    return { ok: false, error, reason, retryable: false, upstreamFailed: false };
  }
  const error = upstreamUnavailable(`${service} answered ${status}`);
  const retryable = RETRYABLE_STATUSES.has(status);
  switch (typed?.code) {
    case 'DEPENDENCY_UNAVAILABLE':
      // Its database is away. Opening the callee's circuit would only add the cool-down to its
      // recovery; a retry may find the connection back.
      return { ok: false, error, reason, retryable, upstreamFailed: false };
    case 'UPSTREAM_UNAVAILABLE':
      // A service it calls is away. The callee has retried that call and its own circuit guards
      // it; retrying or counting here too would multiply both at every hop.
      return { ok: false, error, reason, retryable: false, upstreamFailed: false };
    default:
      return { ok: false, error, reason, retryable, upstreamFailed: true };
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
