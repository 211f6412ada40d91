import { describe, expect, it } from 'vitest';
import { createFaultStore } from '../fault-store';
import { parseSpec } from '../grammar';
import { createFaultInjector, FaultInjectedError } from '../injector';
import { faultsBeforeCall } from './calls';

/** The faults of orders' calls to inventory, set through the admin store. */
function callFaults(spec: string) {
  const store = createFaultStore();
  store.replace(parseSpec(spec), 60_000);
  return { injector: createFaultInjector({ service: 'orders', store, startupRules: [], perRequest: false, hangMs: 2_000 }), point: 'orders.inventory' as const };
}

describe('faultsBeforeCall', () => {
  it('asks nothing of a call without a fault point', async () => {
    await expect(faultsBeforeCall(undefined, AbortSignal.timeout(1_000))).resolves.toEqual({});
  });

  it("asks to send without the trace context when a lose-context fault fires, with that fault's attributes", async () => {
    const effects = await faultsBeforeCall(callFaults('orders.inventory=lose-context'), AbortSignal.timeout(1_000));
    expect(effects).toEqual({
      withheldContext: { 'fault.point': 'orders.inventory', 'fault.target': 'orders.inventory', 'fault.kind': 'lose-context', 'fault.source': 'admin', 'fault.probability': 1 },
    });
  });

  it('fails a timeout fault at the attempt deadline, as an unanswered call, not when the hang ends', async () => {
    const started = performance.now();
    await expect(faultsBeforeCall(callFaults('orders.inventory=timeout'), AbortSignal.timeout(30))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('throws an error fault as a FaultInjectedError with its status', async () => {
    await expect(faultsBeforeCall(callFaults('orders.inventory=error:502'), AbortSignal.timeout(1_000))).rejects.toEqual(expect.any(FaultInjectedError));
  });
});
