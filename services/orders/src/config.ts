import { z } from 'zod';
import { brokerSettings, env, faultSettings, listenerSettings, loadConfig } from '@tracebed/platform';

export const configSchema = z.object({
  ...listenerSettings({ port: 8081, adminPort: 9081 }),
  LOG_LEVEL: env.logLevel(),
  ...faultSettings,
  DATABASE_URL: env.url(),
  ...brokerSettings,
  INVENTORY_URL: env.url(),
  /** How long one attempt of a call to inventory waits for an answer. */
  INVENTORY_TIMEOUT_MS: env.milliseconds(2_000),
  /** Attempts per idempotent call to inventory (reserve, release), the first included; 1 turns retries off. */
  INVENTORY_RETRY_ATTEMPTS: env.count(3),
  /** The most the first retry waits; the ceiling doubles per retry (full jitter, at most 1 s). */
  INVENTORY_RETRY_INITIAL_MS: env.milliseconds(100),
  /** All attempts of one call end within this: keep it below the gateway's UPSTREAM_TIMEOUT_MS so the gateway hears why. */
  INVENTORY_RETRY_BUDGET_MS: env.milliseconds(4_000),
  /** Calls to inventory failed in a row (after their retries) that open the circuit. */
  CIRCUIT_FAILURE_THRESHOLD: env.count(5),
  /**
   * How long an open circuit fails calls at once before it lets one trial call through. Short,
   * because a service here restarts in about a second and the circuit should not lag behind it;
   * a dead dependency still gets one trial call per cool-down, not the traffic.
   */
  CIRCUIT_COOLDOWN_MS: env.milliseconds(500),
  /** How often the outbox relay looks for events nobody woke it for. */
  OUTBOX_POLL_INTERVAL_MS: env.milliseconds(1_000),
  /**
   * Published outbox rows older than this are deleted; a pending order's rows stay, since the
   * payment sweep reads its request back. An hour leaves time to look at what was sent.
   */
  OUTBOX_RETENTION_MS: env.milliseconds(3_600_000),
  /** How often the retention rule runs. */
  OUTBOX_RETENTION_INTERVAL_MS: env.milliseconds(60_000),
  /** A payment unanswered this long is requested again; after PAYMENT_MAX_REQUESTS the order fails. */
  PAYMENT_TIMEOUT_MS: env.milliseconds(15_000),
  PAYMENT_MAX_REQUESTS: env.count(3),
});

export type OrdersConfig = z.infer<typeof configSchema>;

export const loadOrdersConfig = (): OrdersConfig => loadConfig(configSchema);
