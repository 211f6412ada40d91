import { describe, expect, it } from 'vitest';
import { FaultSpecError, formatRule, formatSpec, MAX_RULES, MAX_SPEC_LENGTH, parseRule, parseSpec } from './grammar';
import type { FaultRule } from './rule';

const fixed = (ms: number) => ({ min: ms, max: ms });

describe('parseRule', () => {
  it.each<[string, FaultRule]>([
    ['orders.place=latency', { target: 'orders.place', kind: 'latency', probability: 1, delayMs: fixed(500) }],
    ['orders.place=latency:300ms', { target: 'orders.place', kind: 'latency', probability: 1, delayMs: fixed(300) }],
    ['orders.place=latency:1.5s', { target: 'orders.place', kind: 'latency', probability: 1, delayMs: fixed(1_500) }],
    ['gateway.orders=latency:100ms-2s', { target: 'gateway.orders', kind: 'latency', probability: 1, delayMs: { min: 100, max: 2_000 } }],
    ['orders.place=latency:30s', { target: 'orders.place', kind: 'latency', probability: 1, delayMs: fixed(30_000) }],
    ['payments.charge=error', { target: 'payments.charge', kind: 'error', probability: 1, status: 500 }],
    ['payments.charge=error:503@0.5', { target: 'payments.charge', kind: 'error', probability: 0.5, status: 503 }],
    ['payments.charge=error:400', { target: 'payments.charge', kind: 'error', probability: 1, status: 400 }],
    ['gateway.inventory=timeout@.25', { target: 'gateway.inventory', kind: 'timeout', probability: 0.25 }],
    ['inventory.reserve=crash@0', { target: 'inventory.reserve', kind: 'crash', probability: 0 }],
    ['payments.consume=drop@1', { target: 'payments.consume', kind: 'drop', probability: 1 }],
    ['payments.consume=duplicate', { target: 'payments.consume', kind: 'duplicate', probability: 1 }],
    ['orders.consume=delay', { target: 'orders.consume', kind: 'delay', probability: 1, delayMs: fixed(1_000) }],
    ['orders.consume=delay:2s-5s@0.1', { target: 'orders.consume', kind: 'delay', probability: 0.1, delayMs: { min: 2_000, max: 5_000 } }],
    ['inventory.consume=poison', { target: 'inventory.consume', kind: 'poison', probability: 1 }],
    ['inventory.consume=redeliver', { target: 'inventory.consume', kind: 'redeliver', probability: 1 }],
    ['orders.db=slow-query', { target: 'orders.db', kind: 'slow-query', probability: 1, delayMs: fixed(500) }],
    ['inventory.db=slow-query:50ms-150ms', { target: 'inventory.db', kind: 'slow-query', probability: 1, delayMs: { min: 50, max: 150 } }],
    ['payments.db=db-error@0.3', { target: 'payments.db', kind: 'db-error', probability: 0.3 }],
    ['orders.inventory=lose-context', { target: 'orders.inventory', kind: 'lose-context', probability: 1 }],
    ['gateway.orders=lose-context@0.5', { target: 'gateway.orders', kind: 'lose-context', probability: 0.5 }],
    ['gateway=lose-context@.1', { target: 'gateway', kind: 'lose-context', probability: 0.1 }],
    ['orders=latency:200ms', { target: 'orders', kind: 'latency', probability: 1, delayMs: fixed(200) }],
    ['  payments=drop  ', { target: 'payments', kind: 'drop', probability: 1 }],
  ])('reads %s', (text, rule) => {
    expect(parseRule(text)).toEqual(rule);
  });

  it.each([
    'orders.place=latency',
    'gateway.orders=latency:100ms-2s@0.75',
    'payments.charge=error:503@0.5',
    'gateway.inventory=timeout@0.25',
    'orders.consume=delay:2s-5s',
    'payments.db=db-error@0.001',
    'orders=crash@0',
    'gateway.inventory=lose-context@0.25',
  ])('gives back the same rule from its formatted text: %s', (text) => {
    const rule = parseRule(text);
    expect(parseRule(formatRule(rule))).toEqual(rule);
  });

  it('formats a rule canonically: milliseconds, and no probability when it is 1', () => {
    expect(formatRule(parseRule('orders.place=latency:1s-2s@1'))).toBe('orders.place=latency:1000ms-2000ms');
    expect(formatRule(parseRule('payments.charge=error'))).toBe('payments.charge=error:500');
  });

  it.each([
    ['shipping=latency', /unknown target 'shipping'/],
    ['orders.ship=latency', /unknown target 'orders.ship'/],
    ['orders.place=explode', /unknown kind 'explode'/],
    ['payments.db=drop', /drop cannot happen at payments\.db/],
    ['gateway=poison', /poison cannot happen at gateway/],
    ['orders.consume=timeout', /timeout cannot happen at orders\.consume/],
    ['orders.place=slow-query', /slow-query cannot happen at orders\.place/],
    ['orders.place=lose-context', /lose-context cannot happen at orders\.place; it happens only at call points: gateway\.orders, gateway\.inventory, orders\.inventory/],
    ['orders.consume=lose-context@0.5', /lose-context cannot happen at orders\.consume; it happens only at call points/],
    ['payments=lose-context', /lose-context cannot happen at payments; it happens only at call points: gateway\.orders/],
    ['orders.db=latency', /latency cannot happen at orders\.db; it happens only at operation, consume or call points$/],
    ['orders.inventory=lose-context:1s', /lose-context takes no parameter/],
    ['orders.place=error@1.5', /probability must be between 0 and 1, not '1\.5'/],
    ['orders.place=error@2', /probability must be between 0 and 1, not '2'/],
    ['orders.place=error@0.5.1', /probability must be between 0 and 1, not '0\.5\.1'/],
    ['orders.place=error@.', /probability must be between 0 and 1, not '\.'/],
    ['orders.place=error@half', /is not target=kind\[:param\]\[@probability\]/],
    ['orders.place=latency:31s', /31s is longer than the 30s maximum/],
    ['orders.place=latency:100ms-30001ms', /30001ms is longer than the 30s maximum/],
    ['orders.place=latency:2s-1s', /the range 2s-1s runs backwards/],
    ['orders.place=latency:1m', /'1m' is not a duration/],
    ['orders.place=latency:fast', /'fast' is not a duration/],
    ['orders.place=latency:1ms-2ms-3ms', /'1ms-2ms-3ms' is not a duration or a range/],
    ['payments.charge=error:399', /error status must be 400-599, not '399'/],
    ['payments.charge=error:600', /error status must be 400-599, not '600'/],
    ['payments.charge=error:5000', /error status must be 400-599, not '5000'/],
    ['payments.charge=error:50x', /error status must be 400-599, not '50x'/],
    ['payments.charge=timeout:1s', /timeout takes no parameter/],
    ['payments.consume=drop:1', /drop takes no parameter/],
    ['orders.place=crash:now', /crash takes no parameter/],
    ['payments.db=db-error:500', /db-error takes no parameter/],
    ['orders.place', /is not target=kind/],
    ['Orders.place=latency', /is not target=kind/],
  ])('rejects %s', (text, message) => {
    expect(() => parseRule(text)).toThrow(FaultSpecError);
    expect(() => parseRule(text)).toThrow(message);
  });
});

describe('parseSpec', () => {
  it('reads comma-separated rules, ignoring blanks and empty entries', () => {
    const rules = parseSpec(' payments.charge=error@0.5, inventory.reserve=latency:300ms,, payments.consume=duplicate ,');
    expect(rules.map(formatRule)).toEqual(['payments.charge=error:500@0.5', 'inventory.reserve=latency:300ms', 'payments.consume=duplicate']);
  });

  it('reads an empty spec as no rules', () => {
    expect(parseSpec('')).toEqual([]);
    expect(parseSpec(' , ')).toEqual([]);
  });

  it('round-trips a whole spec through formatSpec', () => {
    const rules = parseSpec('orders.db=slow-query:10ms-20ms@0.5,gateway=error:502,orders.consume=redeliver');
    expect(parseSpec(formatSpec(rules))).toEqual(rules);
  });

  const rules = (count: number) => Array.from({ length: count }, () => 'orders.place=latency:1ms').join(',');

  it(`accepts ${MAX_RULES} rules and refuses ${MAX_RULES + 1}`, () => {
    expect(parseSpec(rules(MAX_RULES))).toHaveLength(MAX_RULES);
    expect(() => parseSpec(rules(MAX_RULES + 1))).toThrow(new FaultSpecError(`at most ${MAX_RULES} rules, not ${MAX_RULES + 1}`));
  });

  it(`accepts a spec of ${MAX_SPEC_LENGTH} characters and refuses a longer one`, () => {
    const spec = 'orders.place=latency'.padEnd(MAX_SPEC_LENGTH);
    expect(parseSpec(spec)).toHaveLength(1);
    expect(() => parseSpec(`${spec} `)).toThrow(new FaultSpecError(`fault spec is longer than ${MAX_SPEC_LENGTH} characters`));
  });

  it('names the offending rule when one of several is wrong', () => {
    expect(() => parseSpec('orders.place=latency, payments.db=drop')).toThrow('payments.db=drop: drop cannot happen at payments.db');
  });
});
