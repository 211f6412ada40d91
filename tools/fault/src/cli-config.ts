import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES } from '@tracebed/faults';
import type { Service } from './fault-plan';
import { UsageError } from './usage-error';

/** Where each service's admin API listens natively: its own port, never the public one. */
const DEFAULT_ADMIN_PORTS: Record<Service, number> = { gateway: 9080, orders: 9081, inventory: 9082, payments: 9083 };
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface CliConfig {
  /** Each service's admin API. */
  urls: Record<Service, URL>;
  /** The admin token, read when first needed; a UsageError says where it was looked for. */
  token(): string;
}

function adminUrl(service: Service, env: NodeJS.ProcessEnv, allowRemote: boolean): URL {
  const name = `${service.toUpperCase()}_ADMIN`;
  const port = env[`${name}_PORT`] ?? String(DEFAULT_ADMIN_PORTS[service]);
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

/** The file the stack writes the admin token to on its first start (infra/native/secrets.sh). */
export function adminTokenFile(env: NodeJS.ProcessEnv, cwd: string): string {
  return env.FAULT_ADMIN_TOKEN_FILE || path.join(env.TRACEBED_STATE || path.join(cwd, '.tracebed'), 'secrets', 'fault-admin-token');
}

/** The admin token: FAULT_ADMIN_TOKEN, else the token file; there is no default token. */
export function readAdminToken(env: NodeJS.ProcessEnv, cwd: string): string {
  if (env.FAULT_ADMIN_TOKEN) return env.FAULT_ADMIN_TOKEN;
  const file = adminTokenFile(env, cwd);
  let token = '';
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch {
    // Missing or unreadable: said below, with what to do.
  }
  if (!token) throw new UsageError(`no admin token: FAULT_ADMIN_TOKEN is not set and ${file} is missing or empty (the stack writes it on its first start: make up)`);
  return token;
}

/** Each service's admin URL and the admin token, from the environment (and the token file). */
export function readCliConfig(env: NodeJS.ProcessEnv, allowRemote = false, cwd = process.cwd()): CliConfig {
  const urls = Object.fromEntries(SERVICES.map((service) => [service, adminUrl(service, env, allowRemote)])) as Record<Service, URL>;
  let token: string | undefined;
  return { urls, token: () => (token ??= readAdminToken(env, cwd)) };
}
