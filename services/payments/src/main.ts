import { telemetry } from './instrumentation';
import path from 'node:path';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBroker, createLogger, createPool, exitOnStartupFailure, runBackendService } from '@tracebed/platform';
import { createApp } from './app';
import { loadPaymentsConfig } from './config';
import { createPaymentStore } from './data-access/payment-store';
import { createSimulatedCardProvider } from './domain/card-provider';
import { orderPlacedConsumer, outcomeRoutingKey } from './entry-points/consumers';

async function main(): Promise<void> {
  const config = loadPaymentsConfig();
  const logger = createLogger({ service: 'payments', level: config.LOG_LEVEL });
  const pool = createPool({ connectionString: config.DATABASE_URL, applicationName: 'payments', logger });
  const broker = createBroker({ url: config.AMQP_URL, topology: TOPOLOGY, logger });
  const store = createPaymentStore(pool);
  const provider = createSimulatedCardProvider({ minMs: config.PROVIDER_LATENCY_MIN_MS, maxMs: config.PROVIDER_LATENCY_MAX_MS });

  await runBackendService({
    host: config.HOST,
    port: config.PORT,
    logger,
    pool,
    broker,
    telemetry,
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    createApp: (readiness) => createApp({ store, logger, readiness }),
    subscriptions: [
      orderPlacedConsumer({
        store,
        provider,
        publish: (event) => broker.publish(outcomeRoutingKey(event.outcome), event, { messageId: `payment-${event.paymentId}` }),
      }),
    ],
  });
}

main().catch(exitOnStartupFailure);
