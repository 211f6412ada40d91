import { context } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { FAULT_HEADER, FaultSpecError, requestFaultsOfHeader, withRequestFaults } from '@tracebed/faults';
import { AppError, validationFailed } from '@tracebed/platform';

/**
 * Turns an `X-Fault` header into W3C baggage for the rest of this request, so the faults
 * travel with it through HTTP and RabbitMQ and touch no other request. A malformed header
 * is a 400 naming the problem; with per-request faults switched off it is a 403. This is the
 * only way faults get into baggage: inboundBaggage() has already dropped any a client sent.
 */
export function requestFaults(options: { enabled: boolean }): RequestHandler {
  return (request, _response, next) => {
    const header = request.headers[FAULT_HEADER];
    if (header === undefined) return next();
    if (!options.enabled) return next(new AppError('FAULTS_DISABLED', 'per-request faults are switched off (FAULTS_PER_REQUEST=off)', 403));
    let spec: string;
    try {
      spec = requestFaultsOfHeader(header);
    } catch (error) {
      if (error instanceof FaultSpecError) return next(validationFailed(`invalid X-Fault header: ${error.message}`, [{ path: 'X-Fault', message: error.message }]));
      return next(error);
    }
    context.with(withRequestFaults(context.active(), spec), next);
  };
}
