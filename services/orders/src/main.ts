import { telemetry } from './instrumentation';
import path from 'node:path';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBackendRuntime, createServiceFaults, exitOnStartupFailure, runBackendService } from '@tracebed/platform';
import { createApp } from './app';
import { loadOrdersConfig } from './config';
import { createInventoryClient } from './data-access/inventory-client';
import { createOrderStore } from './data-access/order-store';
import { createOutbox } from './data-access/outbox';
import { paymentOutcomeConsumer } from './entry-points/consumers';
import { createPaymentTimeoutSweep } from './messaging/payment-timeout-sweep';

async function main(): Promise<void> {
  const config = loadOrdersConfig();
  const faults = createServiceFaults('orders', config);
  const runtime = createBackendRuntime('orders', config, TOPOLOGY, faults);
  const { logger, pool, broker } = runtime;
  const outbox = createOutbox({
    pool,
    broker,
    logger,
    pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    retention: { maxAgeMs: config.OUTBOX_RETENTION_MS, intervalMs: config.OUTBOX_RETENTION_INTERVAL_MS },
  });
  const store = createOrderStore(pool, outbox.writer);
  const inventory = createInventoryClient({
    baseUrl: config.INVENTORY_URL,
    timeoutMs: config.INVENTORY_TIMEOUT_MS,
    faults: { injector: faults, point: 'orders.inventory' },
    retry: { attempts: config.INVENTORY_RETRY_ATTEMPTS, initialMs: config.INVENTORY_RETRY_INITIAL_MS, budgetMs: config.INVENTORY_RETRY_BUDGET_MS },
    circuitBreaker: { failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, cooldownMs: config.CIRCUIT_COOLDOWN_MS },
  });
  const sweep = createPaymentTimeoutSweep({
    store,
    logger,
    paymentTimeoutMs: config.PAYMENT_TIMEOUT_MS,
    maxPaymentRequests: config.PAYMENT_MAX_REQUESTS,
  });

  await runBackendService({
    config,
    runtime,
    telemetry,
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    createApp: (http) => createApp({ store, inventory, logger, faults, http }),
    subscriptions: [paymentOutcomeConsumer({ store, logger })],
    workers: [outbox.relay, outbox.retention, sweep],
  });
}

main().catch(exitOnStartupFailure);
