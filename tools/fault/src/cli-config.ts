import { AdminConfigError, readAdminConfig, type AdminConfig } from '@tracebed/fault-admin-client';
import { UsageError } from './usage-error';

export type CliConfig = AdminConfig;

/** For the CLI a setting it cannot work with is a usage mistake (exit code 2), said as the library says it. */
function asUsage<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof AdminConfigError ? new UsageError(error.message) : error;
  }
}

/** Each service's admin URL and the admin token, as the fault admin client reads them, with the CLI's flag named. */
export function readCliConfig(env: NodeJS.ProcessEnv, allowRemote = false, cwd = process.cwd()): CliConfig {
  const config = asUsage(() => readAdminConfig(env, { allowRemote, allowRemoteHint: 'pass --allow-remote', cwd }));
  return { urls: config.urls, token: () => asUsage(() => config.token()) };
}
