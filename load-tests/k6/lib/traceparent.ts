import crypto from 'k6/crypto';

const hex = (bytes: number) => Array.from(new Uint8Array(crypto.randomBytes(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * A fresh W3C trace context for one request: the trace id lets a failed check name the trace to
 * open in Jaeger. k6 does not export its own span, so the gateway's span names a parent that
 * Jaeger never receives (shown as a missing parent); the native runner exports it.
 */
export function newTraceparent(): { traceId: string; header: string } {
  const traceId = hex(16);
  return { traceId, header: `00-${traceId}-${hex(8)}-01` };
}
