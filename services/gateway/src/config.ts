import { z } from 'zod';
import { env, faultSettings, listenerSettings, loadConfig } from '@tracebed/platform';

export const configSchema = z.object({
  ...listenerSettings({ port: 8080, adminPort: 9080 }),
  LOG_LEVEL: env.logLevel(),
  ...faultSettings,
  ORDERS_URL: env.url(),
  INVENTORY_URL: env.url(),
  /** How long one attempt of a call to orders or inventory waits for an answer. */
  UPSTREAM_TIMEOUT_MS: env.milliseconds(5_000),
  /** Attempts per idempotent call (reading products and orders), the first included; placing an order is never retried. */
  UPSTREAM_RETRY_ATTEMPTS: env.count(3),
  /** The most the first retry waits; the ceiling doubles per retry (full jitter, at most 1 s). */
  UPSTREAM_RETRY_INITIAL_MS: env.milliseconds(100),
  /** Calls to one upstream failed in a row (after their retries) that open its circuit. */
  CIRCUIT_FAILURE_THRESHOLD: env.count(5),
  /**
   * How long an open circuit fails calls at once before it lets one trial call through. Short,
   * because a service here restarts in about a second and the circuit should not lag behind it;
   * a dead dependency still gets one trial call per cool-down, not the traffic.
   */
  CIRCUIT_COOLDOWN_MS: env.milliseconds(500),
  /** Where users open traces; used for the links in order responses and on the shop page. */
  JAEGER_UI_URL: env.urlWithDefault('http://127.0.0.1:16686'),
  /** Jaeger's query API as the gateway reaches it, for the shop page's waterfall of an order. */
  JAEGER_QUERY_URL: env.urlWithDefault('http://127.0.0.1:16686'),
  /** The collector's OTLP/HTTP traces endpoint, where the relay sends the shop page's spans. */
  BROWSER_SPANS_URL: env.urlWithDefault('http://127.0.0.1:4318/v1/traces'),
});

export type GatewayConfig = z.infer<typeof configSchema>;

export const loadGatewayConfig = (): GatewayConfig => loadConfig(configSchema);
