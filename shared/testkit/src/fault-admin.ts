import path from 'node:path';
import { readAdminToken } from '@tracebed/fault-admin-client';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The admin token of the stack under test, found as `pnpm fault` finds it; there is no default token. */
export const adminToken = (): string => readAdminToken(process.env, repoRoot);

/** A service's /admin/faults on its admin listener, as an operator (or the fault CLI) calls it. */
export function faultAdmin(adminUrl: string, token: string = adminToken()) {
  async function call(method: string, body?: unknown, authorization = `Bearer ${token}`) {
    const response = await fetch(new URL('/admin/faults', adminUrl), {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as any) : undefined };
  }
  return {
    call,
    list: () => call('GET'),
    set: (faults: string, ttlSeconds?: number) => call('PUT', { faults, ...(ttlSeconds ? { ttlSeconds } : {}) }),
    clear: () => call('DELETE'),
  };
}

export type FaultAdmin = ReturnType<typeof faultAdmin>;
