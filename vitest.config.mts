import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Stack test files share one stack and break parts of it on purpose (outages, circuits):
    // no two test files may run at the same time, in any project.
    fileParallelism: false,
    maxWorkers: 1,
    projects: [
      {
        // Pure logic, next to the code: needs nothing running.
        test: { name: 'unit', include: ['services/*/src/**/*.test.ts', 'services/*/web/src/**/*.test.ts', 'shared/*/src/**/*.test.ts', 'tools/*/src/**/*.test.ts', 'load-tests/src/**/*.test.ts'] },
      },
      {
        // Compose file, Dockerfile and their parity with the native stack, checked without a Docker engine.
        test: { name: 'deploy', include: ['infra/test/**/*.test.ts'], exclude: ['infra/test/**/*.stack.test.ts'], testTimeout: 120_000 },
      },
      {
        // The real stack: PostgreSQL, RabbitMQ, Jaeger and the four services, found or started by the setup.
        test: {
          name: 'stack',
          include: ['services/*/test/**/*.test.ts', 'shared/*/test/**/*.test.ts', 'tools/*/test/**/*.test.ts', 'load-tests/test/**/*.test.ts', 'infra/test/**/*.stack.test.ts'],
          globalSetup: ['./shared/testkit/src/global-setup.ts'],
          // One stack on a 2-core machine: one file at a time keeps timings honest and counts exact.
          fileParallelism: false,
          maxWorkers: 1,
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
          include: ['e2e/compose/**/*.test.ts', 'services/gateway/test/order-trace.test.ts', 'services/gateway/test/shop-page.test.ts'],
          globalSetup: ['./e2e/compose/global-setup.ts'],
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
