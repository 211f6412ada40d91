import type { Express } from 'express';
import type { FaultInjector } from '@tracebed/faults';
import type { Logger } from 'pino';
import { createFaultAdminApp } from '../http/fault-admin';
import type { FaultConfig } from './fault-settings';
import { createHostPolicy, type HostPolicy } from '../http/host-policy';
import type { ShutdownStep } from '../shutdown';
import { useServiceTracer } from '../tracing';
import { closeServer, listen } from './listen';
import { adminTokenOf, type ListenerConfig } from './listener-settings';

export interface ServiceListenersOptions {
  service: string;
  config: ListenerConfig & Pick<FaultConfig, 'FAULTS'>;
  /** Builds the public app with the Host and Origin policy every listener of the service shares. */
  createApp: (hostPolicy: HostPolicy) => Express;
  faults: FaultInjector;
  logger: Logger;
}

/**
 * Starts a service's two listeners: its public app on PORT and its fault admin API on ADMIN_PORT.
 * First names the tracer of the service's business spans after the service.
 * Returns the shutdown step that closes both.
 */
export async function startServiceListeners(options: ServiceListenersOptions): Promise<ShutdownStep> {
  const { config, logger, service } = options;
  useServiceTracer(service);
  const hostPolicy = createHostPolicy(config.ALLOWED_HOSTS);
  const admin = createFaultAdminApp({ service, injector: options.faults, startupRules: config.FAULTS, token: adminTokenOf(config), hostPolicy, logger });
  const servers = await Promise.all([
    listen(options.createApp(hostPolicy), { name: 'public', host: config.HOST, port: config.PORT }, logger),
    listen(admin, { name: 'admin', host: config.ADMIN_HOST, port: config.ADMIN_PORT }, logger),
  ]);
  return { name: 'http', run: async () => void (await Promise.all(servers.map(closeServer))) };
}
