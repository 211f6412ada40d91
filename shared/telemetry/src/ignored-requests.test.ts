import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isIgnoredIncomingRequest } from './ignored-requests';

const requestFor = (url: string | undefined) => ({ url }) as unknown as IncomingMessage;

describe('isIgnoredIncomingRequest', () => {
  it('ignores the fault admin API, whose calls are the operator\'s and not the shop\'s', () => {
    expect(isIgnoredIncomingRequest(requestFor('/admin/faults'))).toBe(true);
    expect(isIgnoredIncomingRequest(requestFor('/admin/faultsx'))).toBe(false);
  });

  it('ignores the liveness probe /healthz', () => {
    expect(isIgnoredIncomingRequest(requestFor('/healthz'))).toBe(true);
  });

  it('ignores the readiness probe even with a query string', () => {
    expect(isIgnoredIncomingRequest(requestFor('/readyz?x=1'))).toBe(true);
  });

  it('traces business requests such as /api/orders', () => {
    expect(isIgnoredIncomingRequest(requestFor('/api/orders'))).toBe(false);
  });

  it('traces paths that only resemble a probe', () => {
    expect(isIgnoredIncomingRequest(requestFor('/api/healthz'))).toBe(false);
    expect(isIgnoredIncomingRequest(requestFor('/healthzz'))).toBe(false);
    expect(isIgnoredIncomingRequest(requestFor('/orders?next=/healthz'))).toBe(false);
  });

  it('traces a request without a URL', () => {
    expect(isIgnoredIncomingRequest(requestFor(undefined))).toBe(false);
  });

  it('ignores the paths a service adds, and only those', () => {
    const assets = /^\/assets\//;
    expect(isIgnoredIncomingRequest(requestFor('/assets/index.js?v=2'), assets)).toBe(true);
    expect(isIgnoredIncomingRequest(requestFor('/api/assets/1'), assets)).toBe(false);
    expect(isIgnoredIncomingRequest(requestFor('/healthz'), assets)).toBe(true);
  });
});
