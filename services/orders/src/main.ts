import { telemetry } from './instrumentation';
import path from 'node:path';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBackendRuntime, createServiceFaults, exitOnStartupFailure, runBackendService } from '@tracebed/platform';
import { createApp } from './app';
import { loadOrdersConfig } from './config';
import { createInventoryClient } from './data-access/inventory-client';
import { createOrderStore } from './data-access/order-store';
import { paymentOutcomeConsumer } from './entry-points/consumers';
import { createOutboxRelay } from './messaging/outbox-relay';
import { createPaymentTimeoutSweep } from './messaging/payment-timeout-sweep';

async function main(): Promise<void> {
  const config = loadOrdersConfig();
  const faults = createServiceFaults('orders', config);
  const runtime = createBackendRuntime('orders', config, TOPOLOGY, faults);
  const { logger, pool, broker } = runtime;
  const store = createOrderStore(pool);
  const inventory = createInventoryClient({
    baseUrl: config.INVENTORY_URL,
    timeoutMs: config.INVENTORY_TIMEOUT_MS,
    faults: { injector: faults, point: 'orders.inventory' },
    retry: { attempts: config.INVENTORY_RETRY_ATTEMPTS, initialMs: config.INVENTORY_RETRY_INITIAL_MS, budgetMs: config.INVENTORY_RETRY_BUDGET_MS },
    circuitBreaker: { failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, cooldownMs: config.CIRCUIT_COOLDOWN_MS },
  });
  const relay = createOutboxRelay({ pool, broker, logger, pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS });
  const wakeRelay = () => relay.wake();
  const sweep = createPaymentTimeoutSweep({
    store,
    logger,
    wakeRelay,
    paymentTimeoutMs: config.PAYMENT_TIMEOUT_MS,
    maxPaymentRequests: config.PAYMENT_MAX_REQUESTS,
  });

  await runBackendService({
    config,
    runtime,
    telemetry,
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    createApp: (http) => createApp({ store, inventory, wakeRelay, logger, faults, http }),
    subscriptions: [paymentOutcomeConsumer({ store, wakeRelay, logger })],
    workers: [relay, sweep],
  });
}

main().catch(exitOnStartupFailure);
