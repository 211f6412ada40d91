import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['services/*/src/**/*.test.ts', 'services/*/test/**/*.test.ts', 'shared/*/src/**/*.test.ts'],
    // Unit tests need nothing; the rest need the stack, which this setup finds or starts.
    globalSetup: ['./shared/testkit/src/global-setup.ts'],
    // The tests share one stack on a 2-core machine: one file at a time keeps timings honest.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
