import { context, ROOT_CONTEXT, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRequestFaults } from './baggage';
import { createFaultStore } from './fault-store';
import { parseSpec } from './grammar';
import { createFaultInjector, FaultInjectedError, type FiredFault } from './injector';
import type { FaultPoint } from './points';

// The API's default context manager never makes a context active, so `context.with` would hide
// the request's baggage: the SDK's AsyncLocalStorage manager does.
const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

interface HarnessOptions {
  /** The values `random` returns, in turn; the last one repeats. */
  draws?: number[];
  startup?: string;
  perRequest?: boolean;
}

function harness({ draws = [0], startup = '', perRequest = true }: HarnessOptions = {}) {
  let now = 1_700_000_000_000;
  let rolls = 0;
  const crashed: FiredFault[] = [];
  const store = createFaultStore(() => now);
  const injector = createFaultInjector({
    service: 'orders',
    store,
    startupRules: parseSpec(startup),
    perRequest,
    hangMs: 5,
    random: () => draws[Math.min(rolls++, draws.length - 1)] ?? 0,
    crash: (fault) => crashed.push(fault),
    requestWaitsAtOnce: 2,
    now: () => now,
  });
  const admin = (spec: string, ttlMs = 60_000) => store.replace(parseSpec(spec), ttlMs);
  const fired = (point: FaultPoint) => injector.fire(point).map((fault) => `${fault.source}:${fault.target}=${fault.kind}`);
  return { injector, store, crashed, admin, fired, advance: (ms: number) => (now += ms), rolls: () => rolls };
}

describe('fire', () => {
  it('fires a rule only when the draw falls below its probability', () => {
    const below = harness({ draws: [0.49] });
    below.admin('orders.place=error@0.5');
    expect(below.fired('orders.place')).toEqual(['admin:orders.place=error']);

    const at = harness({ draws: [0.5] });
    at.admin('orders.place=error@0.5');
    expect(at.fired('orders.place')).toEqual([]);
  });

  it('never fires a rule of probability 0 and always fires one of probability 1', () => {
    const { admin, fired } = harness({ draws: [0, 0.999_999] });
    admin('orders.place=error@0, orders.place=latency');
    expect(fired('orders.place')).toEqual(['admin:orders.place=latency']);
  });

  it('draws a delay from the rule range with a second roll', () => {
    const { injector, admin } = harness({ draws: [0, 0.5] });
    admin('orders.place=latency:100ms-300ms');
    expect(injector.fire('orders.place')).toMatchObject([{ point: 'orders.place', kind: 'latency', drawnDelayMs: 200 }]);
  });

  it('applies a service-wide rule at every point of that service and a point rule only at its point', () => {
    const { admin, fired } = harness();
    admin('orders=error:503, orders.place=latency, payments=error');
    expect(fired('orders.place')).toEqual(['admin:orders=error', 'admin:orders.place=latency']);
    expect(fired('orders.inventory')).toEqual(['admin:orders=error']);
    expect(fired('payments.charge')).toEqual(['admin:payments=error']);
    expect(fired('inventory.reserve')).toEqual([]);
  });

  it('never fires a kind at a point where it cannot happen', () => {
    const { admin, fired } = harness();
    admin('orders=drop, orders=slow-query, orders=timeout');
    expect(fired('orders.place')).toEqual(['admin:orders=timeout']);
    expect(fired('orders.consume')).toEqual(['admin:orders=drop']);
    expect(fired('orders.db')).toEqual(['admin:orders=slow-query']);
    expect(fired('orders.inventory')).toEqual(['admin:orders=timeout']);
  });

  it('leaves out rules that are not eligible before they roll', () => {
    const { injector, admin, rolls } = harness();
    admin('orders.consume=drop, orders.consume=delay:10ms');
    const fired = injector.fire('orders.consume', (rule) => rule.kind !== 'drop');
    expect(fired.map((fault) => fault.kind)).toEqual(['delay']);
    expect(rolls()).toBe(2); // one gate roll and one delay draw, both for delay
  });

  it('fires start-up rules as well as admin rules, each marked with where it came from', () => {
    const { admin, fired } = harness({ startup: 'orders.db=db-error' });
    admin('orders.db=slow-query:5ms');
    expect(fired('orders.db')).toEqual(['startup:orders.db=db-error', 'admin:orders.db=slow-query']);
  });

  it('forgets admin rules when their TTL runs out', () => {
    const { admin, fired, advance, store } = harness();
    admin('orders.place=error', 1_000);
    advance(999);
    expect(fired('orders.place')).toEqual(['admin:orders.place=error']);
    advance(1);
    expect(fired('orders.place')).toEqual([]);
    expect(store.list()).toEqual([]);
  });

  it('records each fired fault as a fault.injected event on the active span', () => {
    const events: { name: string; attributes: unknown }[] = [];
    const span = { addEvent: (name: string, attributes: unknown) => events.push({ name, attributes }) } as unknown as Span;
    const { injector, admin } = harness({ draws: [0, 1] });
    admin('orders.place=latency:10ms-20ms@0.5');
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => injector.fire('orders.place'));
    expect(events).toEqual([
      {
        name: 'fault.injected',
        attributes: { 'fault.point': 'orders.place', 'fault.target': 'orders.place', 'fault.kind': 'latency', 'fault.source': 'admin', 'fault.probability': 0.5, 'fault.delay_ms': 20 },
      },
    ]);
  });
});

describe('fire with per-request faults in baggage', () => {
  const inRequest = <T>(spec: string, work: () => T): T => context.with(withRequestFaults(ROOT_CONTEXT, spec), work);

  it("fires the request's rules only inside that request", () => {
    const { fired } = harness();
    expect(inRequest('orders.place=error:502', () => fired('orders.place'))).toEqual(['request:orders.place=error']);
    expect(fired('orders.place')).toEqual([]);
  });

  it('ignores baggage when per-request faults are off', () => {
    const { fired } = harness({ perRequest: false });
    expect(inRequest('orders.place=error', () => fired('orders.place'))).toEqual([]);
  });

  it('ignores a malformed spec in baggage instead of failing the request', () => {
    const { fired, admin } = harness();
    admin('orders.place=latency:1ms');
    expect(inRequest('orders.place=explode', () => fired('orders.place'))).toEqual(['admin:orders.place=latency']);
  });

  it('never crashes for a request, at an operation or a consumer, but keeps its other rules', async () => {
    const { injector, fired, crashed, admin } = harness();
    expect(inRequest('payments=crash', () => fired('payments.charge'))).toEqual([]);
    expect(inRequest('payments.consume=crash, payments.consume=duplicate', () => fired('payments.consume'))).toEqual(['request:payments.consume=duplicate']);
    await inRequest('payments.charge=crash', () => injector.atOperation('payments.charge'));
    expect(crashed).toEqual([]);
    admin('payments.charge=crash');
    await injector.atOperation('payments.charge');
    expect(crashed.map((fault) => fault.source)).toEqual(['admin']);
  });

  it('runs only so many waiting request faults at once in a service, then none until one has ended', () => {
    const { fired, advance, admin } = harness();
    admin('payments.consume=delay:10ms');
    const consume = () => inRequest('payments.consume=delay:1s, payments.consume=duplicate', () => fired('payments.consume'));
    expect(consume()).toEqual(['request:payments.consume=delay', 'request:payments.consume=duplicate', 'admin:payments.consume=delay']);
    expect(consume()).toEqual(['request:payments.consume=delay', 'request:payments.consume=duplicate', 'admin:payments.consume=delay']);
    // Two request delays are under way: the third request keeps its other rules, the operator's too.
    expect(consume()).toEqual(['request:payments.consume=duplicate', 'admin:payments.consume=delay']);
    advance(1_000);
    expect(consume()[0]).toBe('request:payments.consume=delay');
  });

  it('fails an operation with the status of a request rule', async () => {
    const { injector } = harness();
    await expect(inRequest('orders.place=error:502', () => injector.atOperation('orders.place'))).rejects.toMatchObject({ status: 502 });
  });
});

describe('atOperation', () => {
  it('waits for the drawn latency, then lets the operation go on', async () => {
    const { injector, admin } = harness();
    admin('orders.place=latency:30ms');
    const started = performance.now();
    await injector.atOperation('orders.place');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('fails with the rule status on an error fault, 500 by default', async () => {
    const { injector, admin } = harness();
    admin('orders.place=error:503');
    const failure = injector.atOperation('orders.place');
    await expect(failure).rejects.toBeInstanceOf(FaultInjectedError);
    await expect(failure).rejects.toMatchObject({ status: 503, fault: { point: 'orders.place', kind: 'error' } });

    admin('orders.inventory=error');
    await expect(injector.atOperation('orders.inventory')).rejects.toMatchObject({ status: 500 });
  });

  it('on a timeout fault hangs for hangMs, then fails with 504', async () => {
    const { injector, admin } = harness();
    admin('orders.inventory=timeout');
    const started = performance.now();
    await expect(injector.atOperation('orders.inventory')).rejects.toMatchObject({ status: 504, message: 'fault injected at orders.inventory: timeout' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(4);
  });

  it('hands a crash fault to the crash option', async () => {
    const { injector, admin, crashed } = harness();
    admin('orders.place=crash');
    await injector.atOperation('orders.place');
    expect(crashed).toMatchObject([{ point: 'orders.place', kind: 'crash', source: 'admin' }]);
  });

  it('applies latency before failing when both fire', async () => {
    const { injector, admin } = harness();
    admin('orders.place=latency:20ms, orders.place=error:503');
    const started = performance.now();
    await expect(injector.atOperation('orders.place')).rejects.toMatchObject({ status: 503 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('does nothing when no rule fires', async () => {
    const { injector, admin, crashed } = harness({ draws: [0.9] });
    admin('orders.place=error@0.5, orders.place=crash@0.5');
    await expect(injector.atOperation('orders.place')).resolves.toBeUndefined();
    expect(crashed).toEqual([]);
  });
});

describe('atCall', () => {
  it('returns a lose-context fault for the caller to act on, recorded like any other', async () => {
    const { injector, admin } = harness();
    admin('orders.inventory=lose-context');
    const events: { name: string; attributes: unknown }[] = [];
    const span = { addEvent: (name: string, attributes: unknown) => events.push({ name, attributes }) } as unknown as Span;
    const fired = await context.with(trace.setSpan(ROOT_CONTEXT, span), () => injector.atCall('orders.inventory'));
    expect(fired).toMatchObject([{ point: 'orders.inventory', kind: 'lose-context', source: 'admin' }]);
    expect(events).toEqual([
      { name: 'fault.injected', attributes: { 'fault.point': 'orders.inventory', 'fault.target': 'orders.inventory', 'fault.kind': 'lose-context', 'fault.source': 'admin', 'fault.probability': 1 } },
    ]);
  });

  it('applies latency and returns it with the lose-context fault that fired beside it', async () => {
    const { injector, admin } = harness();
    admin('orders.inventory=latency:20ms, orders.inventory=lose-context');
    const started = performance.now();
    expect((await injector.atCall('orders.inventory')).map((fault) => fault.kind)).toEqual(['latency', 'lose-context']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('returns nothing when the lose-context rule does not roll', async () => {
    const { injector, admin } = harness({ draws: [0.6] });
    admin('orders.inventory=lose-context@0.5');
    await expect(injector.atCall('orders.inventory')).resolves.toEqual([]);
  });
});
