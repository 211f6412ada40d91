import { z } from 'zod';
import { env, faultSettings, loadConfig } from '@tracebed/platform';

export const configSchema = z.object({
  HOST: env.host(),
  PORT: env.port(8082),
  LOG_LEVEL: env.logLevel(),
  ...faultSettings,
  DATABASE_URL: env.url(),
  AMQP_URL: env.url(),
});

export type InventoryConfig = z.infer<typeof configSchema>;

export const loadInventoryConfig = (): InventoryConfig => loadConfig(configSchema);
