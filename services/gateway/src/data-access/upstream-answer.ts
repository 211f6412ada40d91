import { trace } from '@opentelemetry/api';
import { z } from 'zod';
import { AppError, type ErrorDetail } from '@tracebed/platform';

/**
 * An answer of another shape is the other service's fault (say, a newer version), never the
 * client's: 502. The client learns only which service it was; which fields were off is for the
 * operator. `upstream` and `issues` are own fields, so pino's error serializer writes them into
 * the one `request.failed` line; the error body is built from code and message alone.
 */
export class UpstreamBadResponse extends AppError {
  constructor(
    readonly upstream: string,
    readonly issues: ErrorDetail[],
  ) {
    super('UPSTREAM_BAD_RESPONSE', `${upstream} answered in an unexpected shape`, 502);
  }
}

const issuesOf = (error: z.ZodError): ErrorDetail[] => error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));

/**
 * The answer as `schema` has it, or an UpstreamBadResponse. The active span gets the detail as an
 * exception event of its own, since the one the error middleware records carries only the public message.
 */
export function expectShape<T>(schema: z.ZodType<T>, upstream: string, answer: unknown): T {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  trace.getActiveSpan()?.recordException({ name: 'UpstreamShapeMismatch', message: `${upstream} answered with a shape the gateway does not know: ${z.prettifyError(parsed.error)}` });
  throw new UpstreamBadResponse(upstream, issuesOf(parsed.error));
}
