import { SERVICES } from './points';
import type { Service } from './fault-plan';

/** A mistake in how the CLI was called: the message says what to change; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const DEFAULT_ADMIN_TOKEN = 'tracebed-demo-admin-token';
const DEFAULT_PORTS: Record<Service, number> = { gateway: 8080, orders: 8081, inventory: 8082, payments: 8083 };
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface CliConfig {
  token: string;
  urls: Record<Service, URL>;
}

function serviceUrl(service: Service, env: NodeJS.ProcessEnv, allowRemote: boolean): URL {
  const name = service.toUpperCase();
  const port = env[`${name}_PORT`] ?? String(DEFAULT_PORTS[service]);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) throw new UsageError(`${name}_PORT='${port}' is not a port`);
  const text = env[`${name}_URL`] ?? `http://127.0.0.1:${port}`;
  const url = URL.parse(text);
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new UsageError(`${name}_URL='${text}' is not an http(s) URL`);
  // The token travels with every call: send it off this machine only when asked to.
  if (!allowRemote && !LOCAL_HOSTS.has(url.hostname)) {
    throw new UsageError(`${name}_URL points at ${url.hostname}, not this machine; pass --allow-remote to send it the admin token`);
  }
  return url;
}

/** The admin token and each service's URL, from the environment. */
export function readCliConfig(env: NodeJS.ProcessEnv, allowRemote = false): CliConfig {
  const urls = Object.fromEntries(SERVICES.map((service) => [service, serviceUrl(service, env, allowRemote)])) as Record<Service, URL>;
  return { token: env.FAULT_ADMIN_TOKEN || DEFAULT_ADMIN_TOKEN, urls };
}
