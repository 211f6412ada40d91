import type { ActiveRule, FaultRule } from './rule';

export const DEFAULT_TTL_MS = 10 * 60_000;
export const MAX_TTL_MS = 60 * 60_000;

/** The rules set through a service's admin API, each forgotten when its TTL runs out. */
export interface FaultStore {
  replace(rules: FaultRule[], ttlMs: number): ActiveRule[];
  clear(): void;
  list(): ActiveRule[];
}

export function createFaultStore(now: () => number = Date.now): FaultStore {
  let rules: ActiveRule[] = [];
  const live = () => {
    rules = rules.filter((rule) => rule.expiresAt === undefined || rule.expiresAt > now());
    return rules;
  };
  return {
    replace(next, ttlMs) {
      const expiresAt = now() + ttlMs;
      rules = next.map((rule) => ({ ...rule, source: 'admin', expiresAt }));
      return rules;
    },
    clear() {
      rules = [];
    },
    list: live,
  };
}
