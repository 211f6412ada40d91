/** The error codes tracebed services answer with; stable, so clients and tests can rely on them. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'UNKNOWN_SKU'
  | 'OUT_OF_STOCK'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'DEPENDENCY_UNAVAILABLE'
  | 'FAULT_INJECTED'
  | 'FAULTS_DISABLED'
  | 'TOO_MANY_FAULTED_REQUESTS'
  | 'UNAUTHORIZED'
  | 'ADMIN_DISABLED'
  | 'HOST_NOT_ALLOWED'
  | 'ORIGIN_NOT_ALLOWED'
  | 'TRACE_NOT_FOUND'
  | 'TRACE_STORE_UNAVAILABLE'
  | 'COLLECTOR_UNAVAILABLE'
  | 'INVALID_SPANS'
  | 'SPANS_REFUSED'
  | 'RATE_LIMITED'
  | 'TRACE_TOO_LARGE'
  | 'INTERNAL';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An expected failure with a stable code and the HTTP status it maps to. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

export const validationFailed = (message: string, details?: ErrorDetail[]) =>
  new AppError('VALIDATION_FAILED', message, 400, details);
export const notFound = (code: ErrorCode, message: string) => new AppError(code, message, 404);
export const upstreamUnavailable = (message: string) => new AppError('UPSTREAM_UNAVAILABLE', message, 503);
export const dependencyUnavailable = (message: string) => new AppError('DEPENDENCY_UNAVAILABLE', message, 503);

/** The JSON body every error response carries. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; traceId?: string; details?: ErrorDetail[] };
}
