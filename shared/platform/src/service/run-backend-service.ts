import { once } from 'node:events';
import type { Express, Router } from 'express';
import type { Subscription } from '../amqp/subscription';
import { retryForever } from '../backoff';
import type { ReadinessCheck } from '../http/readiness';
import { isDatabaseReachable } from '../pg/create-pool';
import { runMigrations } from '../pg/migrate';
import { onShutdown } from '../shutdown';
import type { BackendConfig, BackendRuntime } from './backend-runtime';
import { faultAdminRoutes } from '../faults/fault-admin';
import type { FaultConfig } from '../faults/fault-settings';

/** Something that runs in the background once the database is ready (e.g. an outbox relay). */
export interface Worker {
  start(): void;
  stop(): Promise<void>;
}

/** What the service's createApp mounts besides its own routes. */
export interface ServiceHttp {
  readiness: ReadinessCheck[];
  adminRoutes: Router;
}

export interface BackendServiceOptions {
  config: Pick<BackendConfig, 'HOST' | 'PORT'> & FaultConfig;
  runtime: BackendRuntime;
  telemetry: { shutdown(): Promise<void> };
  migrationsDirectory: string;
  /** Idempotent work after migrations, such as seeding. */
  afterMigrations?: () => Promise<void>;
  createApp: (http: ServiceHttp) => Express;
  subscriptions?: Subscription[];
  workers?: Worker[];
}

/**
 * The life of a service that owns a database and talks to RabbitMQ: listen at once (liveness
 * green, readiness red), migrate when PostgreSQL answers, then consume and run workers.
 * SIGTERM stops intake first and flushes telemetry last.
 */
export async function runBackendService(options: BackendServiceOptions): Promise<void> {
  const { logger, pool, broker } = options.runtime;
  const { HOST: host, PORT: port } = options.config;
  let databaseReady = false;
  const app = options.createApp({
    readiness: [
      { name: 'postgres', isReady: async () => databaseReady && (await isDatabaseReachable(pool)) },
      { name: 'rabbitmq', isReady: () => broker.isConnected() },
    ],
    adminRoutes: faultAdminRoutes({
      service: options.runtime.service,
      injector: options.runtime.faults,
      startupRules: options.config.FAULTS,
      token: options.config.FAULT_ADMIN_TOKEN,
    }),
  });
  const server = app.listen(port, host);
  await once(server, 'listening');
  logger.info({ host, port }, 'service.listening');

  const workers = options.workers ?? [];
  onShutdown(logger, [
    { name: 'http', run: () => new Promise<void>((resolve) => server.close(() => resolve())) },
    ...workers.map((worker, index) => ({ name: `worker-${index}`, run: () => worker.stop() })),
    { name: 'broker', run: () => broker.close() },
    { name: 'postgres', run: () => pool.end() },
    { name: 'telemetry', run: () => options.telemetry.shutdown() },
  ]);

  // PostgreSQL may come up after us: keep trying while readiness stays red.
  await retryForever(
    async () => {
      await runMigrations(pool, options.migrationsDirectory, logger);
      await options.afterMigrations?.();
    },
    { onRetry: (error, attempt, delayMs) => logger.warn({ err: error, attempt, retryInMs: delayMs }, 'postgres.not_ready') },
  );
  databaseReady = true;

  for (const subscription of options.subscriptions ?? []) broker.subscribe(subscription);
  broker.start();
  for (const worker of workers) worker.start();
}

/** Ends the process with a readable message when start-up fails (bad config, say). */
export function exitOnStartupFailure(error: unknown): never {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
