import { telemetry } from './instrumentation';
import path from 'node:path';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBackendRuntime, createServiceFaults, exitOnStartupFailure, runBackendService } from '@tracebed/platform';
import { createApp } from './app';
import { loadInventoryConfig } from './config';
import { seedCatalogue } from './data-access/seed-catalogue';
import { createStockStore } from './data-access/stock-store';
import { orderOutcomeConsumer } from './entry-points/consumers';

async function main(): Promise<void> {
  const config = loadInventoryConfig();
  const faults = createServiceFaults('inventory', config);
  const runtime = createBackendRuntime('inventory', config, TOPOLOGY, faults);
  const { logger, pool } = runtime;
  const store = createStockStore(pool);

  await runBackendService({
    config,
    runtime,
    telemetry,
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    afterMigrations: async () => {
      const added = await seedCatalogue(pool);
      if (added > 0) logger.info({ added }, 'catalogue.seeded');
    },
    createApp: (http) => createApp({ store, faults, logger, http }),
    subscriptions: [orderOutcomeConsumer(store)],
  });
}

main().catch(exitOnStartupFailure);
