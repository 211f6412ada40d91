import { env } from '../config';

/**
 * Where a service listens, and for which host names: the public port, and the fault admin API on
 * a port of its own that is never published (127.0.0.1 natively, the compose network in compose).
 */
export const listenerSettings = (ports: { port: number; adminPort: number }) => ({
  HOST: env.host(),
  PORT: env.port(ports.port),
  ADMIN_HOST: env.host(),
  ADMIN_PORT: env.port(ports.adminPort),
  /** Host names accepted besides localhost, 127.0.0.1 and [::1], such as compose's service names. */
  ALLOWED_HOSTS: env.hostNames(),
  /** The file holding the admin API's bearer token (generated on first start); without it the API is off. */
  FAULT_ADMIN_TOKEN_FILE: env.secretFile(),
});

export interface ListenerConfig {
  HOST: string;
  PORT: number;
  ADMIN_HOST: string;
  ADMIN_PORT: number;
  ALLOWED_HOSTS: string[];
  FAULT_ADMIN_TOKEN_FILE?: { path: string; secret: string } | undefined;
  /** Set in the environment instead of a file (see faultSettings); the file wins when both are. */
  FAULT_ADMIN_TOKEN?: string | undefined;
}

/** The admin token a service checks: from its file, else from the environment; none turns the API off. */
export const adminTokenOf = (config: ListenerConfig): string | undefined => config.FAULT_ADMIN_TOKEN_FILE?.secret ?? config.FAULT_ADMIN_TOKEN;
