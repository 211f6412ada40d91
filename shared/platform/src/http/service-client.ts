import type { FaultInjector, FaultPoint } from '@tracebed/faults';
import { AppError, upstreamUnavailable, type ErrorBody } from '../errors';

export interface ServiceClientOptions {
  /** The called service's name, used in error messages. */
  service: string;
  baseUrl: string;
  timeoutMs: number;
  /** Caller-side faults (latency, error, timeout) applied before every call. */
  faults?: { injector: FaultInjector; point: FaultPoint };
}

export interface ServiceClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/**
 * JSON over HTTP to another tracebed service, with a timeout on every call. A typed
 * 4xx from the callee is rethrown as the same AppError so it reaches the user intact;
 * a timeout, refused connection or 5xx becomes 503 UPSTREAM_UNAVAILABLE.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    await options.faults?.injector.atOperation(options.faults.point);
    let response: Response;
    try {
      response = await fetch(new URL(path, options.baseUrl), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : 'unreachable';
      throw upstreamUnavailable(`${options.service} is ${reason}`);
    }
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (response.ok) return parsed as T;
    if (response.status < 500 && isErrorBody(parsed)) {
      throw new AppError(parsed.error.code, parsed.error.message, response.status, parsed.error.details);
    }
    throw upstreamUnavailable(`${options.service} answered ${response.status}`);
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    delete: (path) => call('DELETE', path),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
