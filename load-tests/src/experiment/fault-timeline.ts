import { createAdminClient, readAdminConfig, type AdminConfig } from '@tracebed/fault-admin-client';
import type { FaultStep } from './experiment-file';

export interface TimelineEvent {
  atMs: number;
  action: 'apply' | 'clear';
  service: string;
  rule: string;
  error?: string;
}

/**
 * The experiment's faults, ready to run: the admin URLs and token are read now, so that a missing
 * token stops the experiment before its load rather than half-way through it.
 */
export function prepareFaultTimeline(faults: FaultStep[], env: NodeJS.ProcessEnv) {
  const config = readAdminConfig(env, { allowRemote: env.EXPERIMENT_ALLOW_REMOTE === '1', allowRemoteHint: 'set EXPERIMENT_ALLOW_REMOTE=1' });
  const token = faults.length > 0 ? config.token() : '';
  return { start: (now: () => number) => startFaultTimeline(faults, config, token, now) };
}

/**
 * Applies and clears the experiment's faults on schedule, through each service's admin API.
 * A rule lives a little past its clear time (TTL), so a crashed runner cannot leave it behind.
 */
function startFaultTimeline(faults: FaultStep[], config: AdminConfig, token: string, now: () => number) {
  const events: TimelineEvent[] = [];
  const timers: NodeJS.Timeout[] = [];
  const pending = new Set<Promise<void>>();

  const act = (step: FaultStep, action: 'apply' | 'clear') => {
    const admin = createAdminClient({ url: config.urls[step.service], token });
    const work = (action === 'apply' ? admin.replace(step.rule, Math.min(3600, Math.ceil(step.clear_at_s - step.at_s) + 30)) : admin.clear())
      .then(() => void events.push({ atMs: now(), action, service: step.service, rule: step.rule }))
      .catch((error: unknown) => void events.push({ atMs: now(), action, service: step.service, rule: step.rule, error: error instanceof Error ? error.message : String(error) }));
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  for (const step of faults) {
    timers.push(setTimeout(() => act(step, 'apply'), Math.max(0, step.at_s * 1000 - now())));
    timers.push(setTimeout(() => act(step, 'clear'), Math.max(0, step.clear_at_s * 1000 - now())));
  }

  return {
    events,
    /** Stops the schedule and clears every service the experiment touched, whatever happened. */
    async stop(): Promise<void> {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([...pending]);
      const services = [...new Set(faults.map((step) => step.service))];
      await Promise.all(services.map((service) => createAdminClient({ url: config.urls[service], token }).clear().catch(() => undefined)));
    },
  };
}

export type FaultTimeline = ReturnType<typeof startFaultTimeline>;
