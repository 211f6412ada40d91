import { propagation, type BaggageEntry } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { INBOUND_BAGGAGE_LIMITS, trimInboundBaggage } from './inbound-baggage';

const baggageOf = (entries: Record<string, string>) => propagation.createBaggage(Object.fromEntries(Object.entries(entries).map(([key, value]): [string, BaggageEntry] => [key, { value }])));
const keysKept = (entries: Record<string, string>) => {
  const { kept, dropped } = trimInboundBaggage(baggageOf(entries));
  return { kept: kept?.getAllEntries().map(([key]) => key) ?? [], dropped };
};

describe('the baggage the gateway keeps from a client', () => {
  it('drops a tracebed.fault entry, in any case, and every other key under tracebed.', () => {
    expect(keysKept({ 'tracebed.fault': 'payments=crash', 'Tracebed.Fault': 'gateway.submit=crash', 'tracebed.other': 'x', 'user.id': '42' })).toEqual({ kept: ['user.id'], dropped: 3 });
  });

  it('answers no baggage at all when nothing is left', () => {
    expect(trimInboundBaggage(baggageOf({ 'tracebed.fault': 'payments.charge=error' }))).toEqual({ kept: undefined, dropped: 1 });
  });

  it('keeps entries in the order they came while they fit, and drops the rest whole', () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`k${index}`, 'v']));
    expect(keysKept(many)).toEqual({ kept: ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'], dropped: 4 });

    const long = 'v'.repeat(INBOUND_BAGGAGE_LIMITS.valueLength);
    expect(keysKept({ a: long, b: long, c: long, d: long, e: 'small' })).toEqual({ kept: ['a', 'b', 'c', 'e'], dropped: 1 });
  });

  it('drops an entry whose key or value alone is too long', () => {
    expect(keysKept({ ['k'.repeat(65)]: 'v', ok: 'v'.repeat(257), fine: 'v' })).toEqual({ kept: ['fine'], dropped: 2 });
  });
});
