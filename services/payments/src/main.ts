import { telemetry } from './instrumentation';
import path from 'node:path';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBackendRuntime, createServiceFaults, exitOnStartupFailure, runBackendService } from '@tracebed/platform';
import { createApp } from './app';
import { loadPaymentsConfig } from './config';
import { createPaymentStore } from './data-access/payment-store';
import { createSimulatedCardProvider } from './domain/card-provider';
import { orderPlacedConsumer, paymentOutcomePublisher } from './entry-points/consumers';

async function main(): Promise<void> {
  const config = loadPaymentsConfig();
  const faults = createServiceFaults('payments', config);
  const runtime = createBackendRuntime('payments', config, TOPOLOGY, faults);
  const { logger, pool, broker } = runtime;
  const store = createPaymentStore(pool);
  const provider = createSimulatedCardProvider({ minMs: config.PROVIDER_LATENCY_MIN_MS, maxMs: config.PROVIDER_LATENCY_MAX_MS });

  await runBackendService({
    config,
    runtime,
    telemetry,
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    createApp: (http) => createApp({ logger, http }),
    subscriptions: [orderPlacedConsumer({ store, provider, faults, publish: paymentOutcomePublisher(broker) })],
  });
}

main().catch(exitOnStartupFailure);
