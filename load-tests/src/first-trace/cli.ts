#!/usr/bin/env node
import { firstWholeOrderTrace } from './first-trace';

// Run by `make up` once the services are ready (natively by infra/native/stack.sh, in the
// experiment container by infra/docker/stack.sh): one order, and the time until its whole trace
// is in Jaeger. UP_STARTED_MS (ms since the epoch) is when `up` began; BASE_URL and JAEGER_URL
// (the container's names) win over the native ports.
async function main(): Promise<number> {
  const url = (name: string, fallback: number) => `http://127.0.0.1:${process.env[name] ?? fallback}`;
  const startedMs = Number(process.env.UP_STARTED_MS ?? Date.now());
  const baseUrl = process.env.BASE_URL ?? url('GATEWAY_PORT', 8080);
  const jaegerUrl = process.env.JAEGER_URL ?? url('JAEGER_UI_PORT', 16686);
  const found = await firstWholeOrderTrace({ baseUrl, jaegerUrl, timeoutMs: 30_000 });
  console.log(`first whole order trace in Jaeger after ${((Date.now() - startedMs) / 1000).toFixed(1)} s (trace ${found.traceId}, ${found.spans} spans)`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`no whole order trace: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
