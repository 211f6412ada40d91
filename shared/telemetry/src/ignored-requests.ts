import type { IncomingMessage } from 'node:http';

// Probes poll these every few seconds; tracing them would bury the orders in noise. The fault
// admin API is the operator's, not the shop's: its calls would stand in Jaeger as traces of
// their own, beside the orders a learner searches (lab checks and experiments call it often).
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/admin/faults']);

/** True for requests that get no span: probes, the admin API, and the paths a service adds with `extra`. */
export function isIgnoredIncomingRequest(request: IncomingMessage, extra?: RegExp): boolean {
  const path = (request.url ?? '').split('?')[0] ?? '';
  return UNTRACED_PATHS.has(path) || (extra?.test(path) ?? false);
}
