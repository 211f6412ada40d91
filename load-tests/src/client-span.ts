import { SpanKind, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
  ERROR_TYPE_VALUE_OTHER,
} from '@opentelemetry/semantic-conventions';

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The runner's span for one request, `<METHOD> <step>`: the root of a trace of its own. */
export function startClientSpan(tracer: Tracer, step: string, method: string, url: URL): Span {
  return tracer.startSpan(`${method} ${step}`, {
    kind: SpanKind.CLIENT,
    root: true,
    attributes: {
      [ATTR_HTTP_REQUEST_METHOD]: method,
      [ATTR_URL_FULL]: url.href,
      [ATTR_SERVER_ADDRESS]: url.hostname,
      [ATTR_SERVER_PORT]: url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? 0),
    },
  });
}

/** Why a request got no answer, in few words: the socket's code (ECONNREFUSED…) or the error's name (TimeoutError). */
function errorType(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.name : ERROR_TYPE_VALUE_OTHER;
}

/** Ends the span with the answer's status, or the error that left no answer; 4xx and 5xx mark it failed, as for any HTTP client. */
export function endClientSpan(span: Span, outcome: { status: number } | { error: unknown }): void {
  if ('error' in outcome) {
    if (outcome.error instanceof Error) span.recordException(outcome.error);
    span.setAttribute(ATTR_ERROR_TYPE, errorType(outcome.error));
    span.setStatus({ code: SpanStatusCode.ERROR });
  } else {
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, outcome.status);
    if (outcome.status >= 400) {
      span.setAttribute(ATTR_ERROR_TYPE, String(outcome.status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }
  span.end();
}
