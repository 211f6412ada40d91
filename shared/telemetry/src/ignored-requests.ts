import type { IncomingMessage } from 'node:http';

// Probes poll these every few seconds; tracing them would bury the orders in noise.
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

export function isIgnoredIncomingRequest(request: IncomingMessage): boolean {
  const path = (request.url ?? '').split('?')[0] ?? '';
  return PROBE_PATHS.has(path);
}
