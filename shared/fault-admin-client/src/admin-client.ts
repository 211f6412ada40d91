import type { FaultSource } from '@tracebed/faults';

/** One rule as GET/PUT /admin/faults present it. */
export interface ListedRule {
  rule: string;
  source: FaultSource;
  expiresAt?: string;
}

/** A service's answer to GET/PUT /admin/faults. */
export interface FaultListing {
  service: string;
  rules: ListedRule[];
  startup: ListedRule[];
}

/** A call to a service's admin API that did not succeed; `code` is the service's error code or ours. */
export class AdminCallError extends Error {
  override readonly name = 'AdminCallError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AdminClient {
  list(): Promise<FaultListing>;
  replace(spec: string, ttlSeconds?: number): Promise<FaultListing>;
  clear(): Promise<void>;
}

export interface AdminClientOptions {
  url: URL;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

function unreachable(url: URL, error: unknown): AdminCallError {
  // fetch wraps the network error: the cause says what happened (ECONNREFUSED, bad port, …).
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : (cause?.code ?? cause?.message ?? String(error));
  return new AdminCallError('UNREACHABLE', `down or not reachable at ${url.origin} (${reason})`);
}

function refused(status: number, body: unknown): AdminCallError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
  if (code === 'ADMIN_DISABLED') return new AdminCallError(code, 'admin API is off (the service has no FAULT_ADMIN_TOKEN_FILE)');
  if (code === 'UNAUTHORIZED') return new AdminCallError(code, 'token rejected (FAULT_ADMIN_TOKEN or the token file must hold the token the service uses)');
  const message = typeof error?.message === 'string' ? error.message : 'no error message';
  return new AdminCallError(code, `${status} ${code}: ${message}`);
}

const isListedRule = (value: unknown): value is ListedRule => typeof (value as ListedRule | null)?.rule === 'string';

function asListing(body: unknown): FaultListing {
  const listing = body as Partial<FaultListing> | undefined;
  const valid = typeof listing?.service === 'string' && [listing.rules, listing.startup].every((rules) => Array.isArray(rules) && rules.every(isListedRule));
  if (!valid) throw new AdminCallError('BAD_RESPONSE', 'answered with something that is not a fault listing');
  return listing as FaultListing;
}

/** GET, PUT and DELETE /admin/faults of one service. */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const send = options.fetch ?? fetch;
  const endpoint = new URL('/admin/faults', options.url);

  async function call(method: string, body?: unknown): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await send(endpoint, {
        method,
        headers: { authorization: `Bearer ${options.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      text = await response.text();
    } catch (error) {
      throw unreachable(options.url, error);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) throw refused(response.status, json);
    return json;
  }

  return {
    list: async () => asListing(await call('GET')),
    replace: async (spec, ttlSeconds) => asListing(await call('PUT', { faults: spec, ...(ttlSeconds === undefined ? {} : { ttlSeconds }) })),
    clear: async () => {
      await call('DELETE');
    },
  };
}
