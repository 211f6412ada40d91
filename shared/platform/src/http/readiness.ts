import type { RequestHandler } from 'express';

/** One dependency a service needs before it can do useful work. */
export interface ReadinessCheck {
  name: string;
  isReady: () => boolean | Promise<boolean>;
}

const CHECK_TIMEOUT_MS = 1_000;

async function runCheck(check: ReadinessCheck): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CHECK_TIMEOUT_MS).unref());
  try {
    return await Promise.race([Promise.resolve(check.isReady()), timeout]);
  } catch {
    return false;
  }
}

/** GET /readyz: 200 when every dependency answers, else 503 naming the ones that do not. */
export function readinessRoute(checks: ReadinessCheck[]): RequestHandler {
  return async (_request, response) => {
    const results = await Promise.all(checks.map(async (check) => [check.name, await runCheck(check)] as const));
    const ready = results.every(([, ok]) => ok);
    const dependencies = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'up' : 'down']));
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', dependencies });
  };
}
