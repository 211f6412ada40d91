import { describe, expect, it } from 'vitest';
import { FaultSpecError } from '../grammar';
import { requestFaultsOfHeader } from './requests';

describe('the faults an X-Fault header asks for', () => {
  it('come out as one canonical spec, from one header or several', () => {
    expect(requestFaultsOfHeader('payments.charge=error@0.5 , inventory.reserve=latency:300ms')).toBe(requestFaultsOfHeader(['payments.charge=error@0.5', 'inventory.reserve=latency:300ms']));
  });

  it('refuse a crash, which only the admin API may set', () => {
    expect(() => requestFaultsOfHeader('payments.charge=crash')).toThrow(new FaultSpecError('payments.charge=crash: crash faults are set through the admin API only'));
  });

  it('refuse a malformed header with the grammar error', () => {
    expect(() => requestFaultsOfHeader('payments.charge=')).toThrow(FaultSpecError);
  });
});
