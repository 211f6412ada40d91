import { trace } from '@opentelemetry/api';
import type { CircuitBreaker, CircuitState, CircuitStateChange } from '../resilience/circuit-breaker';

/**
 * Retries and circuit changes as events on the span active when they happen, so a trace shows
 * why a call was sent again or never sent. Attributes: semantic conventions where they exist
 * (`http.request.method`, `http.request.resend_count`), ours under `retry.*` and `circuit.*`.
 */

const CHANGE_EVENTS: Record<CircuitState, string> = { open: 'circuit.opened', half_open: 'circuit.half_open', closed: 'circuit.closed' };

export function recordRetry(service: string, method: string, failedAttempt: number, delayMs: number, reason: string): void {
  trace.getActiveSpan()?.addEvent('http.retry', {
    'http.request.method': method,
    'http.request.resend_count': failedAttempt,
    'retry.upstream': service,
    'retry.delay_ms': delayMs,
    'retry.reason': reason,
  });
}

export function recordCircuitChange(service: string, change: CircuitStateChange, cooldownMs: number): void {
  trace.getActiveSpan()?.addEvent(CHANGE_EVENTS[change.to], {
    'circuit.name': service,
    'circuit.state': change.to,
    'circuit.previous_state': change.from,
    'circuit.consecutive_failures': change.consecutiveFailures,
    ...(change.to === 'open' ? { 'circuit.cooldown_ms': cooldownMs } : {}),
  });
}

export function recordCircuitRejected(service: string, breaker: CircuitBreaker): void {
  trace.getActiveSpan()?.addEvent('circuit.rejected', {
    'circuit.name': service,
    'circuit.state': breaker.state,
    'circuit.remaining_cooldown_ms': Math.round(breaker.remainingCooldownMs()),
  });
}

/** A call that waited for one of the CALLS_IN_FLIGHT_PER_SERVICE slots: the gap before its span. */
export function recordCallQueued(service: string, method: string, waitedMs: number, limit: number): void {
  trace.getActiveSpan()?.addEvent('http.call_queued', {
    'http.request.method': method,
    'call.upstream': service,
    'call.waited_ms': Math.round(waitedMs),
    'call.in_flight_limit': limit,
  });
}
