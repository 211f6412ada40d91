import { randomBytes } from 'node:crypto';

/** A fresh W3C trace context: this request is the root of a trace of its own. */
export function newTraceContext(): { traceId: string; spanId: string; header: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
}
