import { telemetry } from './instrumentation';
import path from 'node:path';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBackendRuntime, exitOnStartupFailure, runBackendService } from '@tracebed/platform';
import { createApp } from './app';
import { loadPaymentsConfig } from './config';
import { createPaymentStore } from './data-access/payment-store';
import { createSimulatedCardProvider } from './domain/card-provider';
import { orderPlacedConsumer, paymentOutcomePublisher } from './entry-points/consumers';

async function main(): Promise<void> {
  const config = loadPaymentsConfig();
  const runtime = createBackendRuntime('payments', config, TOPOLOGY);
  const { logger, pool, broker } = runtime;
  const store = createPaymentStore(pool);
  const provider = createSimulatedCardProvider({ minMs: config.PROVIDER_LATENCY_MIN_MS, maxMs: config.PROVIDER_LATENCY_MAX_MS });

  await runBackendService({
    config,
    runtime,
    telemetry,
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    createApp: (readiness) => createApp({ store, logger, readiness }),
    subscriptions: [orderPlacedConsumer({ store, provider, publish: paymentOutcomePublisher(broker) })],
  });
}

main().catch(exitOnStartupFailure);
