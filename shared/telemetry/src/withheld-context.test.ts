import { context, createContextKey, defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_WITHHELD_KEY, contextWithholdingPropagator, withheldContextAttributes } from './withheld-context';

// The SDK's context manager, so `context.with` makes a context active.
const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

const propagator = contextWithholdingPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

/** A caller inside a sampled span, with baggage, as a service is while it handles a request. */
const inCallersSpan = () => {
  const withSpan = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, isRemote: false });
  return propagation.setBaggage(withSpan, propagation.createBaggage({ 'tracebed.fault': { value: 'orders.inventory=lose-context' } }));
};

const faultAttributes = { 'fault.point': 'orders.inventory', 'fault.kind': 'lose-context', 'fault.source': 'admin' };

function injected(active: Context): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(active, headers, defaultTextMapSetter);
  return headers;
}

describe('contextWithholdingPropagator', () => {
  it('injects traceparent and baggage into an ordinary call, as the W3C propagators do', () => {
    expect(injected(inCallersSpan())).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, baggage: 'tracebed.fault=orders.inventory%3Dlose-context' });
  });

  it('injects nothing into a call whose context is withheld', () => {
    expect(injected(inCallersSpan().setValue(CONTEXT_WITHHELD_KEY, faultAttributes))).toEqual({});
  });

  it('still extracts an incoming context, and names the same fields', () => {
    const headers = { traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'vendor=1' };
    const extracted = propagator.extract(ROOT_CONTEXT.setValue(CONTEXT_WITHHELD_KEY, faultAttributes), headers, defaultTextMapGetter);
    expect(trace.getSpanContext(extracted)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
    expect(propagator.fields()).toEqual(['traceparent', 'tracestate', 'baggage']);
  });

  it('is keyed by the Symbol.for key that the service client sets, without importing it', () => {
    expect(createContextKey('tracebed.http.request.context_withheld')).toBe(CONTEXT_WITHHELD_KEY);
  });
});

describe('withheldContextAttributes', () => {
  it("gives the fault's attributes for the client span of a withheld call, and nothing otherwise", () => {
    expect(withheldContextAttributes()).toEqual({});
    expect(context.with(inCallersSpan().setValue(CONTEXT_WITHHELD_KEY, faultAttributes), withheldContextAttributes)).toEqual(faultAttributes);
  });
});
