import type { ErrorRequestHandler, RequestHandler } from 'express';
import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { FaultInjectedError } from '@tracebed/faults';
import { isDependencyUnavailable } from '../dependency-errors';
import { AppError, dependencyUnavailable, validationFailed, type ErrorBody } from '../errors';
import { currentTraceId, markSpanFailed } from '../tracing';

/** Errors thrown by express.json(), told apart by their `type`. */
const BODY_PARSER_ERRORS: Record<string, () => AppError> = {
  'entity.parse.failed': () => new AppError('MALFORMED_JSON', 'request body is not valid JSON', 400),
  'entity.too.large': () => new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than allowed', 413),
  'encoding.unsupported': () => new AppError('UNSUPPORTED_MEDIA_TYPE', 'request body encoding is not supported', 415),
  'charset.unsupported': () => new AppError('UNSUPPORTED_MEDIA_TYPE', 'request body charset is not supported', 415),
};

/**
 * Client errors raised before any route runs, which carry a 400 but no `type`: express's
 * router cannot percent-decode a path parameter (`%zz`), or body-parser cannot inflate a
 * body sent with `Content-Encoding: gzip`, `deflate` or `br`. They are the caller's fault, not a 500.
 */
function requestNotReadable(error: unknown): AppError | undefined {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  if (status !== 400) return undefined;
  if (error instanceof URIError) return validationFailed('request path is not valid percent-encoding', [{ path: '(path)', message: 'is not valid percent-encoding' }]);
  if (expose === true) return new AppError('MALFORMED_JSON', 'request body could not be read', 400);
  return undefined;
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof FaultInjectedError) return new AppError('FAULT_INJECTED', error.message, error.status);
  if (isDependencyUnavailable(error)) return dependencyUnavailable('a dependency is unavailable, retry shortly');
  const type = (error as { type?: unknown } | null)?.type;
  return (typeof type === 'string' ? BODY_PARSER_ERRORS[type]?.() : undefined) ?? requestNotReadable(error);
}

/** Answers routes nobody registered with a typed 404 instead of express's HTML page. */
export function notFoundRoute(): RequestHandler {
  return (request, _response, next) => {
    next(new AppError('NOT_FOUND', `no route for ${request.method} ${request.path}`, 404));
  };
}

/**
 * The one place a service turns an error into a response: logs it once, marks the
 * span, answers `{ error: { code, message, traceId } }`. Unknown errors become a 500
 * that reveals nothing of the stack or SQL.
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const known = toAppError(error);
    const appError = known ?? new AppError('INTERNAL', 'internal error', 500);
    const span = trace.getActiveSpan();
    if (!known || appError.status >= 500 || appError.code === 'FAULT_INJECTED') {
      logger.error({ err: error, method: request.method, path: request.path }, 'request.failed');
      if (span) markSpanFailed(span, error);
    } else {
      logger.info({ code: appError.code, status: appError.status, path: request.path }, 'request.rejected');
      span?.setAttribute('error.type', appError.code);
    }
    const traceId = currentTraceId();
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(traceId ? { traceId } : {}),
        ...(appError.details ? { details: appError.details } : {}),
      },
    };
    if (response.headersSent) return;
    if (appError.status === 503) response.setHeader('retry-after', '2');
    response.status(appError.status).json(body);
  };
}
