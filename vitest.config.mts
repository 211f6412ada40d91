import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Pure logic, next to the code: needs nothing running.
        test: { name: 'unit', include: ['services/*/src/**/*.test.ts', 'shared/*/src/**/*.test.ts'] },
      },
      {
        // The real stack: PostgreSQL, RabbitMQ, Jaeger and the four services, found or started by the setup.
        test: {
          name: 'stack',
          include: ['services/*/test/**/*.test.ts'],
          globalSetup: ['./shared/testkit/src/global-setup.ts'],
          // One stack on a 2-core machine: one file at a time keeps timings honest and counts exact.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
