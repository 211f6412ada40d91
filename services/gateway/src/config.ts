import { z } from 'zod';
import { env, faultSettings, loadConfig } from '@tracebed/platform';

export const configSchema = z.object({
  HOST: env.host(),
  PORT: env.port(8080),
  LOG_LEVEL: env.logLevel(),
  ...faultSettings,
  ORDERS_URL: env.url(),
  INVENTORY_URL: env.url(),
  UPSTREAM_TIMEOUT_MS: env.milliseconds(5_000),
  /** Where users open traces; used for the links in order responses. */
  JAEGER_UI_URL: env.urlWithDefault('http://127.0.0.1:16686'),
});

export type GatewayConfig = z.infer<typeof configSchema>;

export const loadGatewayConfig = (): GatewayConfig => loadConfig(configSchema);
