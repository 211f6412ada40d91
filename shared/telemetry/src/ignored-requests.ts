import type { IncomingMessage } from 'node:http';

// Probes poll these every few seconds; tracing them would bury the orders in noise.
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

/** True for requests that get no span: the probes, and the paths a service adds with `extra`. */
export function isIgnoredIncomingRequest(request: IncomingMessage, extra?: RegExp): boolean {
  const path = (request.url ?? '').split('?')[0] ?? '';
  return PROBE_PATHS.has(path) || (extra?.test(path) ?? false);
}
