import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTrace, TraceTooLargeError } from './jaeger-trace';

const TRACE_ID = 'ab'.repeat(16);
const span = (index: number) => ({ traceID: TRACE_ID, spanID: index.toString(16).padStart(16, '0'), operationName: 'op', references: [], startTime: 1, duration: 1, tags: [], logs: [], processID: 'p1', warnings: null });
const answer = (spans: number) => JSON.stringify({ data: [{ traceID: TRACE_ID, spans: Array.from({ length: spans }, (_, index) => span(index)), processes: { p1: { serviceName: 'gateway' } } }] });

/** What the fake Jaeger answers next: a trace of `spans` spans, with a content-length or in chunks without one. */
let next = { spans: 3, chunked: false };
let server: Server;
let jaegerUrl: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    const body = answer(next.spans);
    if (!next.chunked) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    for (let at = 0; at < body.length; at += 1000) response.write(body.slice(at, at + 1000));
    response.end();
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  jaegerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('fetchTrace with a byte limit', () => {
  it.each([false, true])('reads a trace that fits (chunked: %s)', async (chunked) => {
    next = { spans: 3, chunked };
    expect((await fetchTrace(jaegerUrl, TRACE_ID, { maxBytes: 10_000 }))?.spans).toHaveLength(3);
  });

  it.each([false, true])('throws TraceTooLargeError for a larger answer, declared or streamed (chunked: %s)', async (chunked) => {
    next = { spans: 500, chunked };
    const error = await fetchTrace(jaegerUrl, TRACE_ID, { maxBytes: 20_000 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TraceTooLargeError);
    expect(error).toMatchObject({ code: 'TRACE_TOO_LARGE', traceId: TRACE_ID, maxBytes: 20_000 });
  });
});
