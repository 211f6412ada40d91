import { z } from 'zod';
import { env, faultSettings, loadConfig } from '@tracebed/platform';

export const configSchema = z.object({
  HOST: env.host(),
  PORT: env.port(8081),
  LOG_LEVEL: env.logLevel(),
  ...faultSettings,
  DATABASE_URL: env.url(),
  AMQP_URL: env.url(),
  INVENTORY_URL: env.url(),
  INVENTORY_TIMEOUT_MS: env.milliseconds(2_000),
  /** How often the outbox relay looks for events nobody woke it for. */
  OUTBOX_POLL_INTERVAL_MS: env.milliseconds(1_000),
  /** A payment unanswered this long is requested again; after PAYMENT_MAX_REQUESTS the order fails. */
  PAYMENT_TIMEOUT_MS: env.milliseconds(15_000),
  PAYMENT_MAX_REQUESTS: env.count(3),
});

export type OrdersConfig = z.infer<typeof configSchema>;

export const loadOrdersConfig = (): OrdersConfig => loadConfig(configSchema);
