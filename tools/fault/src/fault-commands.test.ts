import { describe, expect, it } from 'vitest';
import { AdminCallError, type AdminClient } from '@tracebed/fault-admin-client';
import { UsageError } from './usage-error';
import { clearFaults, listFaults, setFaults, type CommandDeps } from './fault-commands';
import type { Service } from './fault-plan';
import { FaultSpecError, formatRule, parseSpec } from '@tracebed/faults';

const NOW = Date.parse('2030-01-01T12:00:00.000Z');

/** Services that keep their admin rules in memory, as /admin/faults does; `down` ones refuse every call. */
function fakeServices(initial: Partial<Record<Service, string>> = {}, down: Service[] = []) {
  const rules = new Map<Service, string[]>(Object.entries(initial).map(([service, spec]) => [service as Service, parseSpec(spec).map(formatRule)]));
  const puts: { service: Service; spec: string; ttlSeconds: number | undefined }[] = [];
  const clientFor = (service: Service): AdminClient => {
    const listing = () => ({ service, rules: (rules.get(service) ?? []).map((rule) => ({ rule, source: 'admin' as const, expiresAt: new Date(NOW + 60_000).toISOString() })), startup: [] });
    const reachable = async () => {
      if (down.includes(service)) throw new AdminCallError('UNREACHABLE', `down or not reachable at ${service} (ECONNREFUSED)`);
    };
    return {
      list: async () => (await reachable(), listing()),
      replace: async (spec, ttlSeconds) => {
        await reachable();
        puts.push({ service, spec, ttlSeconds });
        rules.set(service, parseSpec(spec).map(formatRule));
        return listing();
      },
      clear: async () => {
        await reachable();
        rules.delete(service);
      },
    };
  };
  const deps: CommandDeps = { clientFor, now: () => NOW };
  return { deps, rules, puts };
}

describe('setFaults', () => {
  it('sends each service only the rules that target it', async () => {
    const { deps, puts } = fakeServices();
    const result = await setFaults('payments.charge=error@0.5, gateway.orders=latency:1ms', { ttlSeconds: 90 }, deps);
    expect(puts).toEqual([
      { service: 'gateway', spec: 'gateway.orders=latency:1ms', ttlSeconds: 90 },
      { service: 'payments', spec: 'payments.charge=error:500@0.5', ttlSeconds: 90 },
    ]);
    expect(result.failed).toBe(false);
    expect(result.output).toContain('payments  payments.charge=error:500@0.5  admin   1m 0s');
  });

  it("adds to a service's current admin rules", async () => {
    const { deps, rules } = fakeServices({ orders: 'orders.db=db-error, orders.place=error:503' });
    await setFaults('orders.place=error:502, orders.consume=drop', {}, deps);
    expect(rules.get('orders')).toEqual(['orders.db=db-error', 'orders.place=error:502', 'orders.consume=drop']);
  });

  it("with replace, drops the service's current admin rules", async () => {
    const { deps, rules } = fakeServices({ orders: 'orders.db=db-error' });
    await setFaults('orders.consume=drop', { replace: true }, deps);
    expect(rules.get('orders')).toEqual(['orders.consume=drop']);
  });

  it('reports a service that is down on its line, sets the others, and says the run failed', async () => {
    const { deps, rules } = fakeServices({}, ['payments']);
    const result = await setFaults('payments.db=db-error, orders.db=db-error', {}, deps);
    expect(result.failed).toBe(true);
    expect(result.output).toContain('payments  failed: down or not reachable at payments (ECONNREFUSED)');
    expect(rules.get('orders')).toEqual(['orders.db=db-error']);
  });

  it('reports a merge that would go over the rule limit instead of sending it', async () => {
    const existing = Array.from({ length: 10 }, (_, index) => `orders.place=latency:${index + 1}ms`).join(',');
    const { deps, puts } = fakeServices({ orders: existing });
    const result = await setFaults('orders.db=db-error', {}, deps);
    expect(result.failed).toBe(true);
    expect(result.output).toContain('failed: with its current rules: at most 10 rules, not 11; use --replace or clear it first');
    expect(puts).toEqual([]);
  });

  it('refuses a malformed or empty spec before calling any service', async () => {
    const { deps, puts } = fakeServices();
    await expect(setFaults('nope=latency', {}, deps)).rejects.toThrow(FaultSpecError);
    await expect(setFaults(' ', {}, deps)).rejects.toThrow(UsageError);
    expect(puts).toEqual([]);
  });
});

describe('listFaults', () => {
  it('lists all four services, failing only the one that is down', async () => {
    const { deps } = fakeServices({ inventory: 'inventory.reserve=timeout@0.2' }, ['gateway']);
    const result = await listFaults(deps);
    expect(result.failed).toBe(true);
    expect(result.output.split('\n')).toEqual([
      'SERVICE    RULE                           SOURCE  EXPIRES IN',
      'gateway    failed: down or not reachable at gateway (ECONNREFUSED)',
      'orders     (no rules)',
      'inventory  inventory.reserve=timeout@0.2  admin   1m 0s',
      'payments   (no rules)',
    ]);
  });
});

describe('clearFaults', () => {
  it('clears every service when none is named', async () => {
    const { deps, rules } = fakeServices({ orders: 'orders.db=db-error', payments: 'payments.consume=drop' });
    const result = await clearFaults([], deps);
    expect(rules.size).toBe(0);
    expect(result.output.split('\n').slice(1)).toEqual(['gateway    cleared', 'orders     cleared', 'inventory  cleared', 'payments   cleared']);
  });

  it('clears only the named services', async () => {
    const { deps, rules } = fakeServices({ orders: 'orders.db=db-error', payments: 'payments.consume=drop' });
    await clearFaults(['payments'], deps);
    expect([...rules.keys()]).toEqual(['orders']);
  });

  it('refuses an unknown service name', async () => {
    const { deps } = fakeServices();
    await expect(clearFaults(['orders', 'shipping'], deps)).rejects.toThrow(new UsageError('unknown service shipping (known: gateway, orders, inventory, payments)'));
  });
});
