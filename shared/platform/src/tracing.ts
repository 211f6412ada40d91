import { SpanStatusCode, trace, type Attributes, type Span, type SpanKind } from '@opentelemetry/api';
import { AppError } from './errors';

/** The instrumentation scope of spans made before a service has named itself (unit tests, say). */
const PLATFORM_TRACER_NAME = '@tracebed/platform';

let businessTracer = trace.getTracer(PLATFORM_TRACER_NAME);

/**
 * Business spans belong to the service that does the work, so withSpan takes its tracer (the
 * instrumentation scope) from the service's name; startServiceListeners sets it before any work.
 */
export function useServiceTracer(service: string): void {
  businessTracer = trace.getTracer(service);
}

/** Marks a span failed the three ways backends read it: exception event, status, error.type. */
export function markSpanFailed(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
  span.setAttribute('error.type', error instanceof AppError ? error.code : err.name || 'Error');
}

/**
 * Runs `work` inside a business span (`<noun>.<verb>`, e.g. `order.place`), ending it
 * when the work settles and marking it failed when the work throws. `options.kind` marks a call
 * to another system (CLIENT) or a message (PRODUCER); the default is INTERNAL.
 */
export async function withSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>, options: { kind?: SpanKind } = {}): Promise<T> {
  return businessTracer.startActiveSpan(name, { attributes, ...options }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      markSpanFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The trace id of the active span, for responses and logs. */
export function currentTraceId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? context.traceId : undefined;
}
