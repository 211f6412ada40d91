import { telemetry } from './instrumentation';
import path from 'node:path';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBroker, createLogger, createPool, exitOnStartupFailure, runBackendService } from '@tracebed/platform';
import { createApp } from './app';
import { loadInventoryConfig } from './config';
import { seedCatalogue } from './data-access/seed-catalogue';
import { createStockStore } from './data-access/stock-store';
import { orderOutcomeConsumer } from './entry-points/consumers';

async function main(): Promise<void> {
  const config = loadInventoryConfig();
  const logger = createLogger({ service: 'inventory', level: config.LOG_LEVEL });
  const pool = createPool({ connectionString: config.DATABASE_URL, applicationName: 'inventory', logger });
  const broker = createBroker({ url: config.AMQP_URL, topology: TOPOLOGY, logger });
  const store = createStockStore(pool);

  await runBackendService({
    host: config.HOST,
    port: config.PORT,
    logger,
    pool,
    broker,
    telemetry,
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    afterMigrations: async () => {
      const added = await seedCatalogue(pool);
      if (added > 0) logger.info({ added }, 'catalogue.seeded');
    },
    createApp: (readiness) => createApp({ store, logger, readiness }),
    subscriptions: [orderOutcomeConsumer(store)],
  });
}

main().catch(exitOnStartupFailure);
