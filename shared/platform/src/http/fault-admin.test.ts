import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultInjector, createFaultStore } from '@tracebed/faults';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createHostPolicy } from './host-policy';
import { createFaultAdminApp } from './fault-admin';

const TOKEN = 'a-generated-token-0123456789abcdef';
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

/** An admin listener of payments on a free port, as startServiceListeners builds it. */
async function adminListener(token: string | undefined): Promise<string> {
  const injector = createFaultInjector({ service: 'payments', store: createFaultStore(), startupRules: [], perRequest: true });
  const app = createFaultAdminApp({ service: 'payments', injector, startupRules: [], token, hostPolicy: createHostPolicy(), logger: pino({ level: 'silent' }) });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/faults`;
}

const call = async (url: string, init: RequestInit = {}) => {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } & Record<string, unknown> };
};

describe('the fault admin listener', () => {
  it('answers the right bearer token only, with 401 for a missing or wrong one', async () => {
    const url = await adminListener(TOKEN);
    expect((await call(url)).body.error?.code).toBe('UNAUTHORIZED');
    expect((await call(url, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    const listed = await call(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(listed).toEqual({ status: 200, body: { service: 'payments', rules: [], startup: [] } });
  });

  it('does not exist without a token (404 ADMIN_DISABLED), whatever the caller sends', async () => {
    const url = await adminListener(undefined);
    const answer = await call(url, { headers: { authorization: 'Bearer ' } });
    expect([answer.status, answer.body.error?.code]).toEqual([404, 'ADMIN_DISABLED']);
  });

  it('refuses a change from another origin even with the token, and changes nothing', async () => {
    const url = await adminListener(TOKEN);
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const put = await call(url, { method: 'PUT', headers: { ...headers, origin: 'http://attacker.example' }, body: JSON.stringify({ faults: 'payments.charge=error' }) });
    expect([put.status, put.body.error?.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
    expect((await call(url, { headers })).body.rules).toEqual([]);
  });
});
