import { z } from 'zod';
import { env, faultSettings, listenerSettings, loadConfig } from '@tracebed/platform';

export const configSchema = z.object({
  ...listenerSettings({ port: 8082, adminPort: 9082 }),
  LOG_LEVEL: env.logLevel(),
  ...faultSettings,
  DATABASE_URL: env.url(),
  AMQP_URL: env.url(),
});

export type InventoryConfig = z.infer<typeof configSchema>;

export const loadInventoryConfig = (): InventoryConfig => loadConfig(configSchema);
