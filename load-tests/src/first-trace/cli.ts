#!/usr/bin/env node
import { firstWholeOrderTrace } from './first-trace';

// Run by `make up` (infra/native/stack.sh up) once the services are ready: one order, and the
// time until its whole trace is in Jaeger. UP_STARTED_MS (ms since the epoch) is when `up` began.
async function main(): Promise<number> {
  const url = (name: string, fallback: number) => `http://127.0.0.1:${process.env[name] ?? fallback}`;
  const startedMs = Number(process.env.UP_STARTED_MS ?? Date.now());
  const found = await firstWholeOrderTrace({ baseUrl: url('GATEWAY_PORT', 8080), jaegerUrl: url('JAEGER_UI_PORT', 16686), timeoutMs: 30_000 });
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
