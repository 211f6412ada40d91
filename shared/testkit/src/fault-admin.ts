export const DEMO_ADMIN_TOKEN = process.env.FAULT_ADMIN_TOKEN ?? 'tracebed-demo-admin-token';

/** A service's /admin/faults, as an operator (or the fault CLI) calls it. */
export function faultAdmin(serviceUrl: string, token: string = DEMO_ADMIN_TOKEN) {
  async function call(method: string, body?: unknown, authorization = `Bearer ${token}`) {
    const response = await fetch(new URL('/admin/faults', serviceUrl), {
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
