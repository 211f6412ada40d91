import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICES } from '@tracebed/faults';

export type ServiceName = (typeof SERVICES)[number];

/** Where each service's admin API listens natively: its own port, never the public one. */
const DEFAULT_ADMIN_PORTS: Record<ServiceName, number> = { gateway: 9080, orders: 9081, inventory: 9082, payments: 9083 };
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A setting the admin API cannot be reached with: the message names it and what to change. */
export class AdminConfigError extends Error {
  override readonly name = 'AdminConfigError';
}

export interface AdminConfig {
  /** Each service's admin API. */
  urls: Record<ServiceName, URL>;
  /** The admin token, read when first needed; an AdminConfigError says where it was looked for. */
  token(): string;
}

export interface AdminConfigOptions {
  /** Send the token to admin URLs that are not this machine. */
  allowRemote?: boolean;
  /** How the caller allows that, said when a remote URL is refused, e.g. `pass --allow-remote`. */
  allowRemoteHint?: string;
  /** Where the default token file is looked for (under .tracebed/). */
  cwd?: string;
}

function adminUrl(service: ServiceName, env: NodeJS.ProcessEnv, options: AdminConfigOptions): URL {
  const name = `${service.toUpperCase()}_ADMIN`;
  const port = env[`${name}_PORT`] ?? String(DEFAULT_ADMIN_PORTS[service]);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) throw new AdminConfigError(`${name}_PORT='${port}' is not a port`);
  const text = env[`${name}_URL`] ?? `http://127.0.0.1:${port}`;
  const url = URL.parse(text);
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new AdminConfigError(`${name}_URL='${text}' is not an http(s) URL`);
  // The token travels with every call: send it off this machine only when asked to.
  if (!options.allowRemote && !LOCAL_HOSTS.has(url.hostname)) {
    const hint = options.allowRemoteHint ?? 'allow remote admin URLs';
    throw new AdminConfigError(`${name}_URL points at ${url.hostname}, not this machine; ${hint} to send it the admin token`);
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
  if (!token) throw new AdminConfigError(`no admin token: FAULT_ADMIN_TOKEN is not set and ${file} is missing or empty (the stack writes it on its first start: make up)`);
  return token;
}

/** Each service's admin URL and the admin token, from the environment (and the token file). */
export function readAdminConfig(env: NodeJS.ProcessEnv, options: AdminConfigOptions = {}): AdminConfig {
  const urls = Object.fromEntries(SERVICES.map((service) => [service, adminUrl(service, env, options)])) as Record<ServiceName, URL>;
  const cwd = options.cwd ?? process.cwd();
  let token: string | undefined;
  return { urls, token: () => (token ??= readAdminToken(env, cwd)) };
}
