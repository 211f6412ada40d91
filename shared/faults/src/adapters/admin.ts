import { createHash, timingSafeEqual } from 'node:crypto';
import { DEFAULT_TTL_MS } from '../fault-store';
import { FaultSpecError, formatRule, parseSpec } from '../grammar';
import type { FaultInjector } from '../injector';
import { pointsOf } from '../points';
import type { ActiveRule, FaultRule } from '../rule';

export interface FaultAdminOptions {
  service: string;
  injector: FaultInjector;
  startupRules: FaultRule[];
  token: string | undefined;
}

/** Who may use the admin API: nobody without a configured token, else only the bearer of it. */
export type AdminAccess = 'allowed' | 'disabled' | 'unauthorized';

/** A rule as the admin API shows it. */
export interface PresentedRule {
  rule: string;
  target: string;
  kind: string;
  probability: number;
  source: string;
  expiresAt?: string;
}

/** What GET /admin/faults answers: the run-time rules, and those set at start-up. */
export interface AdminListing {
  service: string;
  rules: PresentedRule[];
  startup: PresentedRule[];
}

/** New settings the admin API refuses; `message` and `details` are what the caller is told. */
export class FaultSettingsRejected extends Error {
  override readonly name = 'FaultSettingsRejected';
  constructor(
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export interface FaultAdmin {
  list(): AdminListing;
  /** Replaces the run-time rules with `faults` for `ttlSeconds` (10 minutes unless given). */
  replace(faults: string, ttlSeconds?: number): AdminListing;
  clear(): void;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Checks an Authorization header against the token, in constant time. */
export function createAdminTokenCheck(token: string | undefined): (authorization: string | undefined) => AdminAccess {
  const expected = token ? digest(token) : undefined;
  return (authorization) => {
    if (!expected) return 'disabled';
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    return timingSafeEqual(digest(given), expected) ? 'allowed' : 'unauthorized';
  };
}

const present = (rule: ActiveRule): PresentedRule => ({
  rule: formatRule(rule),
  target: rule.target,
  kind: rule.kind,
  probability: rule.probability,
  source: rule.source,
  ...(rule.expiresAt ? { expiresAt: new Date(rule.expiresAt).toISOString() } : {}),
});

function parseSettings(service: string, faults: string): FaultRule[] {
  let rules: FaultRule[];
  try {
    rules = parseSpec(faults);
  } catch (error) {
    if (error instanceof FaultSpecError) throw new FaultSettingsRejected(`invalid faults: ${error.message}`, [{ path: 'faults', message: error.message }]);
    throw error;
  }
  const foreign = rules.filter((rule) => !pointsOf(rule.target).some((point) => point.startsWith(`${service}.`)));
  if (foreign.length > 0) throw new FaultSettingsRejected(`${foreign.map(formatRule).join(', ')}: not a fault point of ${service}`);
  return rules;
}

/** What the admin API does to a service's run-time faults, each with a TTL. */
export function createFaultAdmin(options: Omit<FaultAdminOptions, 'token'>): FaultAdmin {
  const { service, injector } = options;
  const list = () => ({
    service,
    rules: injector.store.list().map(present),
    startup: options.startupRules.map((rule) => present({ ...rule, source: 'startup' })),
  });
  return {
    list,
    replace(faults, ttlSeconds) {
      injector.store.replace(parseSettings(service, faults), (ttlSeconds ?? DEFAULT_TTL_MS / 1_000) * 1_000);
      return list();
    },
    clear: () => injector.store.clear(),
  };
}
