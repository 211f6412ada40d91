import { z } from 'zod';
import { TraceId } from './order-shapes';

/** What each error code the public API answers means; the code is stable, the message is for people. */
export const ERROR_MEANINGS = {
  VALIDATION_FAILED: 'a field, path parameter or the X-Fault header is invalid; `details` names each',
  MALFORMED_JSON: 'the body is not valid JSON',
  PAYLOAD_TOO_LARGE: 'the body is larger than the route accepts',
  UNSUPPORTED_MEDIA_TYPE: 'the body is not application/json',
  NOT_FOUND: 'no route answers this method and path',
  ORDER_NOT_FOUND: 'no order has this id',
  UNKNOWN_SKU: 'an item names a SKU the shop does not sell',
  OUT_OF_STOCK: 'not enough stock for an item: the order is recorded as rejected',
  UPSTREAM_UNAVAILABLE: 'a service behind the gateway did not answer in time, failed, or its circuit is open',
  UPSTREAM_BAD_RESPONSE: 'a service behind the gateway answered with a shape the gateway does not know (a version mismatch); the message names the service, the gateway\'s log and the trace say what was off',
  FAULT_INJECTED: 'a fault injected on purpose (X-Fault or the fault admin API) failed the request with the status it names',
  FAULTS_DISABLED: 'the request carries X-Fault but per-request faults are switched off',
  TOO_MANY_FAULTED_REQUESTS: 'too many requests with per-request faults are in flight at once',
  HOST_NOT_ALLOWED: 'the Host header names a host this gateway does not serve',
  ORIGIN_NOT_ALLOWED: 'a state-changing request from another origin',
  TRACE_NOT_FOUND: 'Jaeger has no trace with this id (yet)',
  TRACE_TOO_LARGE: 'the trace is larger than the page shows',
  TRACE_STORE_UNAVAILABLE: 'Jaeger did not answer, or too many trace lookups are running',
  COLLECTOR_UNAVAILABLE: 'the trace collector did not answer',
  INVALID_SPANS: 'the body is not an OTLP/JSON batch of spans',
  SPANS_REFUSED: 'a span is not the page\'s own (service or trace id), or the page session is missing',
  RATE_LIMITED: 'too many span batches from this client',
  INTERNAL: 'an unexpected failure; the trace id finds it',
} as const;
export type ApiErrorCode = keyof typeof ERROR_MEANINGS;

export const ErrorDetail = z.strictObject({ path: z.string(), message: z.string() }).meta({ id: 'ErrorDetail' });

/** `{ error: { code, message, traceId } }`, the body of every error response, its codes narrowed to `codes`. */
export function errorBody(codes: readonly [ApiErrorCode, ...ApiErrorCode[]]) {
  return z.strictObject({
    error: z.strictObject({
      code: z.enum(codes),
      message: z.string(),
      /** Absent only when the request was not traced. */
      traceId: TraceId.optional(),
      details: z.array(ErrorDetail).optional(),
    }),
  });
}
