import { configDefaults, defineConfig } from 'vitest/config';

// Stack test files share one stack and break parts of it on purpose (outages, circuits): the
// stack and compose projects run one file at a time, after unit and deploy (groupOrder), so no
// other test file runs beside them. Unit and deploy files need nothing running: they run in parallel.
const PARALLEL = { fileParallelism: true, maxWorkers: '100%', sequence: { groupOrder: 0 } };
const ONE_AT_A_TIME = { fileParallelism: false, maxWorkers: 1 };

export default defineConfig({
  test: {
    maxWorkers: '100%',
    projects: [
      {
        // Pure logic, next to the code: needs nothing running.
        test: {
          name: 'unit',
          include: ['services/*/src/**/*.test.ts', 'services/*/web/src/**/*.test.ts', 'shared/*/src/**/*.test.ts', 'tools/*/src/**/*.test.ts', 'load-tests/src/**/*.test.ts'],
          ...PARALLEL,
        },
      },
      {
        // Compose file, Dockerfile and their parity with the native stack, checked without a Docker engine.
        test: { name: 'deploy', include: ['infra/test/**/*.test.ts'], exclude: ['infra/test/**/*.stack.test.ts'], testTimeout: 120_000, ...PARALLEL },
      },
      {
        // The real stack: PostgreSQL, RabbitMQ, Jaeger and the four services, found or started by the setup.
        // Per-service tests (services/*/test) and journeys across the services (e2e/).
        test: {
          name: 'stack',
          include: [
            'services/*/test/**/*.test.ts',
            'shared/*/test/**/*.test.ts',
            'tools/*/test/**/*.test.ts',
            'load-tests/test/**/*.test.ts',
            'infra/test/**/*.stack.test.ts',
            'e2e/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, 'e2e/compose/**'],
          globalSetup: ['./shared/testkit/src/global-setup.ts'],
          // One stack on a 2-core machine: one file at a time keeps timings honest and counts exact.
          ...ONE_AT_A_TIME,
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The compose stack, through the ports it publishes on 127.0.0.1 and its tools containers
        // (run by infra/docker/run-tests.sh, which starts the stack first). The same trace and
        // page tests as the native stack, then what only containers can show.
        test: {
          name: 'compose',
          include: ['e2e/compose/**/*.test.ts', 'e2e/traces/order-trace.test.ts', 'e2e/shop-page/shop-page.test.ts'],
          globalSetup: ['./e2e/compose/global-setup.ts'],
          ...ONE_AT_A_TIME,
          sequence: { groupOrder: 2 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
