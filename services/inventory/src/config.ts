import { z } from 'zod';
import { brokerSettings, env, faultSettings, listenerSettings, loadConfig } from '@tracebed/platform';

export const configSchema = z.object({
  ...listenerSettings({ port: 8082, adminPort: 9082 }),
  LOG_LEVEL: env.logLevel(),
  ...faultSettings,
  DATABASE_URL: env.url(),
  ...brokerSettings,
});

export type InventoryConfig = z.infer<typeof configSchema>;

export const loadInventoryConfig = (): InventoryConfig => loadConfig(configSchema);
