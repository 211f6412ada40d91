import { describe, expect, it } from 'vitest';
import { createFaultStore } from '../fault-store';
import { parseSpec } from '../grammar';
import { createFaultInjector, FaultInjectedError, type FiredFault } from '../injector';
import { applyMessageFaults } from './messages';

class Poisoned extends Error {}

/** The consumer faults of payments, set through the admin store. */
function consumerFaults(spec: string) {
  const store = createFaultStore();
  store.replace(parseSpec(spec), 60_000);
  const crashed: FiredFault[] = [];
  const injector = createFaultInjector({ service: 'payments', store, startupRules: [], perRequest: false, crash: (fault) => crashed.push(fault) });
  return { faults: { injector, point: 'payments.consume' as const }, crashed };
}

const poisoned = (reason: string) => new Poisoned(reason);

describe('applyMessageFaults', () => {
  it('processes the message once when the consumer has no fault point', async () => {
    await expect(applyMessageFaults(undefined, 1, poisoned)).resolves.toBe('process');
  });

  it('says to drop, to process twice or to send the message round again, as the faults ask', async () => {
    await expect(applyMessageFaults(consumerFaults('payments.consume=drop').faults, 1, poisoned)).resolves.toBe('drop');
    await expect(applyMessageFaults(consumerFaults('payments.consume=duplicate').faults, 1, poisoned)).resolves.toBe('process-twice');
    await expect(applyMessageFaults(consumerFaults('payments.consume=redeliver').faults, 1, poisoned)).resolves.toBe('redeliver');
  });

  it('sends a message round only on its first delivery, so it is handled on the next', async () => {
    await expect(applyMessageFaults(consumerFaults('payments.consume=redeliver').faults, 2, poisoned)).resolves.toBe('process');
  });

  it("throws the consumer's own poison error, naming the point, for a poison fault", async () => {
    const failure = applyMessageFaults(consumerFaults('payments.consume=poison').faults, 1, poisoned);
    await expect(failure).rejects.toBeInstanceOf(Poisoned);
    await expect(failure).rejects.toThrow('fault injected at payments.consume: poison');
  });

  it('throws a FaultInjectedError with the rule status for an error fault', async () => {
    const failure = applyMessageFaults(consumerFaults('payments.consume=error:503').faults, 1, poisoned);
    await expect(failure).rejects.toBeInstanceOf(FaultInjectedError);
    await expect(failure).rejects.toMatchObject({ status: 503 });
  });

  it('crashes through the injector and then processes the message, as a crash that did not end the process', async () => {
    const { faults, crashed } = consumerFaults('payments.consume=crash');
    await expect(applyMessageFaults(faults, 1, poisoned)).resolves.toBe('process');
    expect(crashed.map((fault) => fault.kind)).toEqual(['crash']);
  });
});
