import type { RequestHandler } from 'express';
import { carriesRequestFaults } from '@tracebed/faults';
import { AppError } from '../errors';

/**
 * Requests carrying per-request faults that one service works on at once. Such a request may
 * hang, sleep or hold a connection on purpose; the cap keeps one client's experiments from
 * taking a service's sockets, timers and connections from everyone else.
 */
export const FAULTED_REQUESTS_IN_FLIGHT = 4;

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
  const maxInFlight = options.maxInFlight ?? FAULTED_REQUESTS_IN_FLIGHT;
  let inFlight = 0;
  return (_request, response, next) => {
    if (!carriesRequestFaults()) return next();
    if (inFlight >= maxInFlight) {
      response.setHeader('retry-after', '1');
      return next(new AppError('TOO_MANY_FAULTED_REQUESTS', `${options.service} works on at most ${maxInFlight} requests with per-request faults at once; retry shortly`, 429));
    }
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
    });
    next();
  };
}
