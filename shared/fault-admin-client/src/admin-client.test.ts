import { describe, expect, it } from 'vitest';
import { createAdminClient } from './admin-client';

const URL_ = new URL('http://127.0.0.1:9081');
const LISTING = { service: 'orders', rules: [{ rule: 'orders.db=db-error', source: 'admin', expiresAt: '2030-01-01T12:00:00.000Z' }], startup: [] };

/** A fetch that answers every call with one canned response and remembers the requests. */
function fakeFetch(status: number, body?: unknown) {
  const requests: { url: string; method: string | undefined; headers: Headers; body: unknown }[] = [];
  const send: typeof fetch = async (input, init) => {
    requests.push({ url: String(input), method: init?.method, headers: new Headers(init?.headers), body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { send, requests };
}

const clientWith = (send: typeof fetch) => createAdminClient({ url: URL_, token: 'the-admin-token-123', fetch: send });

describe('createAdminClient', () => {
  it('GETs /admin/faults with the bearer token', async () => {
    const { send, requests } = fakeFetch(200, LISTING);
    expect(await clientWith(send).list()).toEqual(LISTING);
    expect(requests[0]).toMatchObject({ url: 'http://127.0.0.1:9081/admin/faults', method: 'GET' });
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer the-admin-token-123');
  });

  it('PUTs the spec, with the TTL only when one is given', async () => {
    const { send, requests } = fakeFetch(200, LISTING);
    await clientWith(send).replace('orders.db=db-error', 90);
    await clientWith(send).replace('orders.db=db-error');
    expect(requests.map((request) => [request.method, request.body])).toEqual([
      ['PUT', { faults: 'orders.db=db-error', ttlSeconds: 90 }],
      ['PUT', { faults: 'orders.db=db-error' }],
    ]);
  });

  it('DELETEs to clear and accepts an empty 204', async () => {
    const { send, requests } = fakeFetch(204);
    await expect(clientWith(send).clear()).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe('DELETE');
  });

  it.each([
    [404, 'ADMIN_DISABLED', 'admin API is off (the service has no FAULT_ADMIN_TOKEN_FILE)'],
    [401, 'UNAUTHORIZED', 'token rejected (FAULT_ADMIN_TOKEN or the token file must hold the token the service uses)'],
    [400, 'VALIDATION_FAILED', '400 VALIDATION_FAILED: orders.db=drop: not a fault point of orders'],
  ])('explains a %i %s answer', async (status, code, message) => {
    const { send } = fakeFetch(status, { error: { code, message: 'orders.db=drop: not a fault point of orders', traceId: 'abc' } });
    await expect(clientWith(send).list()).rejects.toMatchObject({ name: 'AdminCallError', code, message });
  });

  it('says a service is down when the connection fails', async () => {
    const send: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    };
    await expect(clientWith(send).list()).rejects.toMatchObject({ code: 'UNREACHABLE', message: 'down or not reachable at http://127.0.0.1:9081 (ECONNREFUSED)' });
  });

  it('refuses an answer that is not a fault listing', async () => {
    const { send } = fakeFetch(200, { status: 'ready' });
    await expect(clientWith(send).list()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});
