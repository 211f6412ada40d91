import { z } from 'zod';
import { brokerSettings, env, faultSettings, listenerSettings, loadConfig } from '@tracebed/platform';

export const configSchema = z.object({
  ...listenerSettings({ port: 8083, adminPort: 9083 }),
  LOG_LEVEL: env.logLevel(),
  ...faultSettings,
  DATABASE_URL: env.url(),
  ...brokerSettings,
  /** Simulated card-provider latency range, in milliseconds. */
  PROVIDER_LATENCY_MIN_MS: z.coerce.number().int().min(0).default(30),
  PROVIDER_LATENCY_MAX_MS: z.coerce.number().int().min(0).default(120),
}).refine((config) => config.PROVIDER_LATENCY_MAX_MS >= config.PROVIDER_LATENCY_MIN_MS, {
  path: ['PROVIDER_LATENCY_MAX_MS'],
  message: 'must be at least PROVIDER_LATENCY_MIN_MS',
});

export type PaymentsConfig = z.infer<typeof configSchema>;

export const loadPaymentsConfig = (): PaymentsConfig => loadConfig(configSchema);
