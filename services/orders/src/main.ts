import { telemetry } from './instrumentation';
import path from 'node:path';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBackendRuntime, exitOnStartupFailure, runBackendService } from '@tracebed/platform';
import { createApp } from './app';
import { loadOrdersConfig } from './config';
import { createInventoryClient } from './data-access/inventory-client';
import { createOrderStore } from './data-access/order-store';
import { paymentOutcomeConsumer } from './entry-points/consumers';
import { createOutboxRelay } from './messaging/outbox-relay';

async function main(): Promise<void> {
  const config = loadOrdersConfig();
  const runtime = createBackendRuntime('orders', config, TOPOLOGY);
  const { logger, pool, broker } = runtime;
  const store = createOrderStore(pool);
  const inventory = createInventoryClient({ baseUrl: config.INVENTORY_URL, timeoutMs: config.INVENTORY_TIMEOUT_MS });
  const relay = createOutboxRelay({ pool, broker, logger, pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS });
  const wakeRelay = () => relay.wake();

  await runBackendService({
    config,
    runtime,
    telemetry,
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    createApp: (readiness) => createApp({ store, inventory, wakeRelay, logger, readiness }),
    subscriptions: [paymentOutcomeConsumer({ store, wakeRelay, logger })],
    workers: [relay],
  });
}

main().catch(exitOnStartupFailure);
