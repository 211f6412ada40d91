import { EventEmitter } from 'node:events';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { Request, Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRequestFaults } from '@tracebed/faults';
import { faultedRequestLimit } from './faulted-request-limit';

const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

/** A response that only records its headers and can be closed, as express and node would. */
function fakeResponse() {
  const headers: Record<string, string> = {};
  return Object.assign(new EventEmitter(), { headers, setHeader: (name: string, value: string) => (headers[name] = value) });
}

function send(limit: ReturnType<typeof faultedRequestLimit>, faults: string | undefined) {
  const response = fakeResponse();
  let outcome: unknown = 'not called';
  const run = () => limit({} as Request, response as unknown as Response, (error?: unknown) => (outcome = error));
  if (faults === undefined) run();
  else context.with(withRequestFaults(ROOT_CONTEXT, faults), run);
  return { outcome, response };
}

describe('the limit on requests with per-request faults', () => {
  it('admits so many at once, then answers 429 with Retry-After, and admits again once one closes', () => {
    const limit = faultedRequestLimit({ service: 'gateway', maxInFlight: 2 });
    const first = send(limit, 'orders.place=latency:1s');
    expect(send(limit, 'orders.place=latency:1s').outcome).toBeUndefined();
    const refused = send(limit, 'orders.place=latency:1s');
    expect(refused.outcome).toMatchObject({ code: 'TOO_MANY_FAULTED_REQUESTS', status: 429 });
    expect(refused.response.headers).toEqual({ 'retry-after': '1' });
    expect(first.outcome).toBeUndefined();
    first.response.emit('close');
    expect(send(limit, 'orders.place=latency:1s').outcome).toBeUndefined();
  });

  it('never holds back a request without faults, however many faulted ones are in flight', () => {
    const limit = faultedRequestLimit({ service: 'gateway', maxInFlight: 1 });
    send(limit, 'orders.place=latency:1s');
    expect(send(limit, 'orders.place=latency:1s').outcome).toMatchObject({ status: 429 });
    for (let n = 0; n < 5; n++) expect(send(limit, undefined).outcome).toBeUndefined();
  });
});
