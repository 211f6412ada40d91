import type { RequestHandler } from 'express';
import { createFaultedRequestGate, FAULTED_REQUESTS_IN_FLIGHT } from '@tracebed/faults';
import { AppError } from '../errors';

export interface FaultedRequestLimitOptions {
  service: string;
  maxInFlight?: number;
}

/**
 * Admits a request that carries per-request faults (an X-Fault header the gateway accepted,
 * or its baggage further in) only while fewer than `maxInFlight` are in flight; beyond that,
 * 429 TOO_MANY_FAULTED_REQUESTS. Requests without faults are never held back. A slot is free
 * again when the response closes: sent, or abandoned by the caller.
 */
export function faultedRequestLimit(options: FaultedRequestLimitOptions): RequestHandler {
  const gate = createFaultedRequestGate(options.maxInFlight ?? FAULTED_REQUESTS_IN_FLIGHT);
  return (_request, response, next) => {
    const admission = gate.admit();
    if (!admission.admitted) {
      response.setHeader('retry-after', '1');
      return next(new AppError('TOO_MANY_FAULTED_REQUESTS', `${options.service} works on at most ${admission.maxInFlight} requests with per-request faults at once; retry shortly`, 429));
    }
    if (admission.done) response.once('close', admission.done);
    next();
  };
}
