import { describe, expect, it } from 'vitest';
import { UsageError } from './usage-error';
import { mergedSpec, parseTtl, serviceOf, splitByService } from './fault-plan';
import { FaultSpecError, formatSpec, parseSpec } from '@tracebed/faults';

describe('splitByService', () => {
  it('groups rules by the service each targets, in service order', () => {
    const rules = parseSpec('payments.charge=error@0.5, orders=latency:1ms, gateway.orders=error:502, orders.db=slow-query, payments.consume=drop');
    const split = splitByService(rules);
    expect([...split.keys()]).toEqual(['gateway', 'orders', 'payments']);
    expect(formatSpec(split.get('gateway') ?? [])).toBe('gateway.orders=error:502');
    expect(formatSpec(split.get('orders') ?? [])).toBe('orders=latency:1ms,orders.db=slow-query:500ms');
    expect(formatSpec(split.get('payments') ?? [])).toBe('payments.charge=error:500@0.5,payments.consume=drop');
  });

  it('sends a call point to the caller, not to the service called', () => {
    expect(serviceOf('gateway.inventory')).toBe('gateway');
    expect(serviceOf('orders.inventory')).toBe('orders');
    expect(serviceOf('inventory')).toBe('inventory');
  });

  it('gives nothing for no rules', () => {
    expect(splitByService([]).size).toBe(0);
  });
});

describe('mergedSpec', () => {
  it("keeps a service's current rules and adds the new ones", () => {
    const spec = mergedSpec(['orders.db=slow-query:500ms'], parseSpec('orders.place=latency:300ms'));
    expect(spec).toBe('orders.db=slow-query:500ms,orders.place=latency:300ms');
  });

  it('replaces a current rule with a new one of the same target and kind', () => {
    const spec = mergedSpec(['orders.place=error:500@0.5', 'orders=error:503', 'orders.db=db-error'], parseSpec('orders.place=error:502@0.1'));
    expect(spec).toBe('orders=error:503,orders.db=db-error,orders.place=error:502@0.1');
  });

  it('refuses a merge that would hold more rules than a spec may', () => {
    const existing = Array.from({ length: 10 }, (_, index) => `orders.place=latency:${index + 1}ms`);
    expect(() => mergedSpec(existing, parseSpec('orders.db=db-error'))).toThrow(FaultSpecError);
    expect(() => mergedSpec(existing, parseSpec('orders.db=db-error'))).toThrow('at most 10 rules, not 11');
  });
});

describe('parseTtl', () => {
  it.each([
    ['90s', 90],
    ['10m', 600],
    ['1h', 3_600],
    ['45', 45],
    ['1s', 1],
    ['60m', 3_600],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });

  it.each(['0s', '2h', '61m', '3601', '1d', '1.5m', '-5s', '', 'ten', '10 m'])('rejects %j', (text) => {
    expect(() => parseTtl(text)).toThrow(UsageError);
  });

  it('says what a TTL looks like', () => {
    expect(() => parseTtl('1d')).toThrow("--ttl '1d' is not a duration from 1s to 1h (use e.g. 90s, 10m, 1h)");
  });
});
