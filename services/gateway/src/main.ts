import { telemetry } from './instrumentation';
import path from 'node:path';
import { createLogger, createServiceFaults, exitOnStartupFailure, onShutdown, startServiceListeners } from '@tracebed/platform';
import { createApp } from './app';
import { loadGatewayConfig } from './config';
import { createShopBackends } from './data-access/shop-backends';

async function isAlive(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/healthz', baseUrl), { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const faults = createServiceFaults('gateway', config);
  const backends = createShopBackends({
    ordersUrl: config.ORDERS_URL,
    inventoryUrl: config.INVENTORY_URL,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    faults,
    retry: { attempts: config.UPSTREAM_RETRY_ATTEMPTS, initialMs: config.UPSTREAM_RETRY_INITIAL_MS },
    circuitBreaker: { failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, cooldownMs: config.CIRCUIT_COOLDOWN_MS },
  });
  const closeListeners = await startServiceListeners({
    service: 'gateway',
    config,
    faults,
    logger,
    createApp: (hostPolicy) =>
      createApp({
        backends,
        faults,
        logger,
        jaegerUiUrl: config.JAEGER_UI_URL,
        perRequestFaults: config.FAULTS_PER_REQUEST === 'on',
        shopPage: { webDirectory: path.join(__dirname, 'web'), jaegerQueryUrl: config.JAEGER_QUERY_URL, browserSpansUrl: config.BROWSER_SPANS_URL },
        http: {
          readiness: [
            { name: 'orders', isReady: () => isAlive(config.ORDERS_URL) },
            { name: 'inventory', isReady: () => isAlive(config.INVENTORY_URL) },
          ],
          hostPolicy,
        },
      }),
  });

  onShutdown(logger, [
    closeListeners,
    { name: 'telemetry', run: () => telemetry.shutdown() },
  ]);
}

main().catch(exitOnStartupFailure);
