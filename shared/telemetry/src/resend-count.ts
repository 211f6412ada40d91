import { context, createContextKey } from '@opentelemetry/api';

/**
 * Which resend of a call the code is making (0: the first attempt), set around each attempt by
 * the service client (`@tracebed/platform`, http/call-attempt.ts). A context key is a
 * `Symbol.for` of its description, so both packages reach the same key without importing each
 * other: telemetry must load before the libraries the platform imports.
 */
export const RESEND_COUNT_KEY = createContextKey('tracebed.http.request.resend_count');

/** `http.request.resend_count` for the client span of a resent call, as the semantic conventions name it. */
export function resendCountAttributes(): { 'http.request.resend_count'?: number } {
  const count = context.active().getValue(RESEND_COUNT_KEY);
  return typeof count === 'number' && count > 0 ? { 'http.request.resend_count': count } : {};
}
