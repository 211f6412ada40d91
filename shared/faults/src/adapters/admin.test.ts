import { describe, expect, it } from 'vitest';
import { createFaultStore } from '../fault-store';
import { parseSpec } from '../grammar';
import { createFaultInjector } from '../injector';
import { createAdminTokenCheck, createFaultAdmin, FaultSettingsRejected } from './admin';

function ordersAdmin(startup = '') {
  const injector = createFaultInjector({ service: 'orders', store: createFaultStore(() => Date.parse('2030-01-01T12:00:00Z')), startupRules: parseSpec(startup), perRequest: true });
  return createFaultAdmin({ service: 'orders', injector, startupRules: parseSpec(startup) });
}

const rejection = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof FaultSettingsRejected ? { message: error.message, details: error.details } : error;
  }
  return 'nothing thrown';
};

describe('the fault admin adapter', () => {
  it('lists rules set at run time with their expiry, beside those set at start-up', () => {
    const admin = ordersAdmin('orders.db=slow-query:200ms');
    expect(admin.replace('orders.place=error:503@0.5', 90)).toEqual({
      service: 'orders',
      rules: [{ rule: 'orders.place=error:503@0.5', target: 'orders.place', kind: 'error', probability: 0.5, source: 'admin', expiresAt: '2030-01-01T12:01:30.000Z' }],
      startup: [{ rule: 'orders.db=slow-query:200ms', target: 'orders.db', kind: 'slow-query', probability: 1, source: 'startup' }],
    });
  });

  it('keeps run-time rules ten minutes unless told otherwise, and forgets them all on clear', () => {
    const admin = ordersAdmin();
    expect(admin.replace('orders=latency:1s').rules[0]?.expiresAt).toBe('2030-01-01T12:10:00.000Z');
    admin.clear();
    expect(admin.list().rules).toEqual([]);
  });

  it('refuses a rule for another service, naming it, and keeps the rules it had', () => {
    const admin = ordersAdmin();
    admin.replace('orders.place=error:503');
    expect(rejection(() => admin.replace('orders.place=latency:1s, payments.charge=error'))).toEqual({ message: 'payments.charge=error:500: not a fault point of orders', details: undefined });
    expect(admin.list().rules.map((rule) => rule.rule)).toEqual(['orders.place=error:503']);
  });

  it('refuses a malformed spec with the grammar message, on the faults field', () => {
    const refused = rejection(() => ordersAdmin().replace('orders.place=explode'));
    expect(refused).toMatchObject({ message: expect.stringMatching(/^invalid faults: /), details: [{ path: 'faults' }] });
  });
});

describe('the admin token check', () => {
  it('allows only the bearer of the token', () => {
    const check = createAdminTokenCheck('a-generated-token-0123456789abcdef');
    expect([check('Bearer a-generated-token-0123456789abcdef'), check('Bearer another-token'), check(undefined), check('a-generated-token-0123456789abcdef')]).toEqual([
      'allowed',
      'unauthorized',
      'unauthorized',
      'unauthorized',
    ]);
  });

  it('says the API is off without a token, whatever the caller sends', () => {
    expect(createAdminTokenCheck(undefined)('Bearer ')).toBe('disabled');
  });
});
