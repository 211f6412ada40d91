import type { Express } from 'express';
import type { Subscription } from '../amqp/subscription';
import { retryForever } from '../backoff';
import type { HostPolicy } from '../http/host-policy';
import type { ReadinessCheck } from '../http/readiness';
import { isDatabaseReachable } from '../pg/create-pool';
import { runMigrations } from '../pg/migrate';
import { onShutdown } from '../shutdown';
import type { BackendRuntime } from './backend-runtime';
import type { FaultConfig } from './fault-settings';
import type { ListenerConfig } from './listener-settings';
import { startServiceListeners } from './service-listeners';

/** Something that runs in the background once the database is ready (e.g. an outbox relay). */
export interface Worker {
  start(): void;
  stop(): Promise<void>;
}

/** What the service's createApp passes to createHttpApp besides its own options. */
export interface ServiceHttp {
  readiness: ReadinessCheck[];
  hostPolicy: HostPolicy;
}

export interface BackendServiceOptions {
  config: ListenerConfig & FaultConfig;
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
 * The life of a service that owns a database and talks to RabbitMQ: listen at once on the public
 * and the admin port (liveness green, readiness red), migrate when PostgreSQL answers, then
 * consume and run workers.
 * SIGTERM stops intake first and flushes telemetry last.
 */
export async function runBackendService(options: BackendServiceOptions): Promise<void> {
  const { logger, pool, broker } = options.runtime;
  let databaseReady = false;
  const readiness: ReadinessCheck[] = [
    { name: 'postgres', isReady: async () => databaseReady && (await isDatabaseReachable(pool)) },
    { name: 'rabbitmq', isReady: () => broker.isConnected() },
  ];
  const closeListeners = await startServiceListeners({
    service: options.runtime.service,
    config: options.config,
    createApp: (hostPolicy) => options.createApp({ readiness, hostPolicy }),
    faults: options.runtime.faults,
    logger,
  });

  const workers = options.workers ?? [];
  onShutdown(logger, [
    closeListeners,
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
