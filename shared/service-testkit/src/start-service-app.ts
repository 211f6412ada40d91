import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBackendRuntime, createHostPolicy, createServiceFaults, isDatabaseReachable, runMigrations, type BackendRuntime, type ServiceHttp } from '@tracebed/platform';
import { amqpUrlAs, createScratchSchema, stackEndpoints } from '@tracebed/testkit';

export type BackendService = 'orders' | 'inventory' | 'payments';

export interface ServiceAppOptions {
  service: BackendService;
  migrationsDirectory: string;
  /** Runs after the migrations, before the app listens: seeding, for one. */
  afterMigrations?: (runtime: BackendRuntime) => Promise<unknown>;
  /** The service's createApp, given its runtime (faults per request on) and the probes' settings. */
  createApp: (runtime: BackendRuntime, http: ServiceHttp) => { listen(port: number, hostname: string): Server };
}

export interface ServiceApp {
  runtime: BackendRuntime;
  /** Where the app listens, on 127.0.0.1. */
  baseUrl: string;
  /** Stops listening, closes the broker and the pool (where the test has not) and drops the schema. */
  close(): Promise<void>;
}

/**
 * One service's app alone, on a free port, over PostgreSQL (a schema of its own, migrated) and
 * RabbitMQ (the service's own user): what the test does never touches the running shop's data.
 */
export async function startServiceApp(options: ServiceAppOptions): Promise<ServiceApp> {
  const { runtime, release } = await createScratchRuntime(options.service);
  const { pool, broker, logger } = runtime;
  try {
    await runMigrations(pool, options.migrationsDirectory, logger);
    await options.afterMigrations?.(runtime);
    broker.start();
    const readiness = [
      { name: 'postgres', isReady: () => isDatabaseReachable(pool) },
      { name: 'rabbitmq', isReady: () => broker.isConnected() },
    ];
    const server = options.createApp(runtime, { readiness, hostPolicy: createHostPolicy() }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const close = async () => {
      await new Promise((resolve) => server.close(resolve));
      await release();
    };
    return { runtime, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The service's runtime over a scratch schema, not connected yet, and how to let both go. */
async function createScratchRuntime(service: BackendService) {
  const endpoints = stackEndpoints();
  const schema = await createScratchSchema(endpoints.databaseUrls[service], `${service}_app_test`);
  const faults = createServiceFaults(service, { FAULTS: [], FAULTS_PER_REQUEST: 'on' });
  const amqpUrl = amqpUrlAs(service, new URL(endpoints.amqpUrl).host);
  const runtime = createBackendRuntime(service, { HOST: '127.0.0.1', PORT: 0, LOG_LEVEL: 'silent', DATABASE_URL: schema.databaseUrl, AMQP_URL: amqpUrl }, TOPOLOGY, faults);
  const release = async () => {
    await runtime.broker.close();
    // A test may have ended the pool itself, to watch the app lose PostgreSQL.
    if (!runtime.pool.ending) await runtime.pool.end();
    await schema.drop();
  };
  return { runtime, release };
}
