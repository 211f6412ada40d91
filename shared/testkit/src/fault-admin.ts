import { readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * The admin token of the stack under test, as `pnpm fault` finds it: FAULT_ADMIN_TOKEN, else
 * the file the stack generated on its first start. There is no default token.
 */
export function adminToken(): string {
  if (process.env.FAULT_ADMIN_TOKEN) return process.env.FAULT_ADMIN_TOKEN;
  const file = process.env.FAULT_ADMIN_TOKEN_FILE || path.join(process.env.TRACEBED_STATE || path.join(repoRoot, '.tracebed'), 'secrets', 'fault-admin-token');
  return readFileSync(file, 'utf8').trim();
}

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
