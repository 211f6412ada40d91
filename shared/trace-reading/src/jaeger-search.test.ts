import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchTraces, searchUrl, SearchTooLargeError, type TraceSearch } from './jaeger-search';

const search: TraceSearch = { service: 'inventory', operation: 'stock.reserve', tags: { 'http.status_code': '409' }, minDuration: '200ms', maxDuration: '2s', startUs: 1_000_000.4, endUs: 2_000_000.6, limit: 20 };

const jaegerTrace = (traceID: string, spans: number) => ({
  traceID,
  processes: { p1: { serviceName: 'inventory' } },
  spans: Array.from({ length: spans }, (_, index) => ({ traceID, spanID: String(index).padStart(16, '0'), operationName: 'pg.query', references: [], startTime: 1, duration: 1, tags: [], logs: [], processID: 'p1', warnings: null })),
});

/** What the fake Jaeger answers next, and the last query it was asked. */
let next: { status: number; body: string } = { status: 200, body: '{"data":[]}' };
let asked: URLSearchParams | undefined;
let server: Server;
let jaegerUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    asked = new URL(request.url ?? '/', 'http://jaeger').searchParams;
    response.writeHead(next.status, { 'content-type': 'application/json' });
    response.end(next.body);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  jaegerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe("Jaeger's trace search", () => {
  it('asks with the service, operation, tags as a JSON object, durations, the window in whole microseconds and the limit', () => {
    const url = searchUrl('http://jaeger:16686', search);
    expect(url.pathname).toBe('/api/traces');
    expect(Object.fromEntries(url.searchParams)).toEqual({ service: 'inventory', operation: 'stock.reserve', tags: '{"http.status_code":"409"}', minDuration: '200ms', maxDuration: '2s', start: '1000000', end: '2000001', limit: '20' });
  });

  it('leaves out what was not asked for', () => {
    const url = searchUrl('http://jaeger:16686', { service: 'gateway', tags: {}, startUs: 1, endUs: 2, limit: 5 });
    expect([...url.searchParams.keys()]).toEqual(['service', 'start', 'end', 'limit']);
  });

  it('reads every trace of the answer', async () => {
    next = { status: 200, body: JSON.stringify({ data: [jaegerTrace('a'.repeat(32), 2), jaegerTrace('b'.repeat(32), 3)] }) };
    const traces = await searchTraces(jaegerUrl, search);
    expect(traces.map((trace) => [trace.traceId[0], trace.spans.length, trace.spans[0]?.service])).toEqual([
      ['a', 2, 'inventory'],
      ['b', 3, 'inventory'],
    ]);
    expect(asked?.get('tags')).toBe('{"http.status_code":"409"}');
  });

  it('stops reading an answer larger than the limit', async () => {
    next = { status: 200, body: JSON.stringify({ data: [jaegerTrace('a'.repeat(32), 500)] }) };
    const error = await searchTraces(jaegerUrl, search, { maxBytes: 10_000 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SearchTooLargeError);
    expect(error).toMatchObject({ code: 'SEARCH_TOO_LARGE', maxBytes: 10_000 });
  });

  it("passes on what Jaeger says is wrong with the search", async () => {
    next = { status: 400, body: JSON.stringify({ data: null, errors: [{ code: 400, msg: 'cannot parse minDuration' }] }) };
    await expect(searchTraces(jaegerUrl, search)).rejects.toThrow('Jaeger answered 400 to the search: cannot parse minDuration');
  });
});
