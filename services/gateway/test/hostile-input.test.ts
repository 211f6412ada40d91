import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabases, stackEndpoints, type Databases } from '@tracebed/testkit';
import {
  arbitraryJsonBody,
  BODY_LIMIT_BYTES,
  gzipBomb,
  invalidOrderBody,
  orderIdSegment,
  oversizedBody,
  queryString,
  rawRequest,
  unknownProductOrder,
  type RawRequest,
} from './hostile-input-arbitraries';

const endpoints = stackEndpoints();

// FUZZ_SEED=<integer> replays a run (fast-check prints the seed of a failing one);
// TRACEBED_LONG=1 runs 2,000 cases per property instead of 150.
const LONG = process.env.TRACEBED_LONG === '1';
const TIMEOUT_MS = LONG ? 1_800_000 : 60_000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
if (SEED !== undefined && !Number.isInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, got '${process.env.FUZZ_SEED}'`);
const runs = <T>(examples: T[] = []): fc.Parameters<T> => ({ numRuns: LONG ? 2_000 : 150, ...(SEED === undefined ? {} : { seed: SEED }), examples });

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

const json = (text: string): RawRequest => ({ body: Buffer.from(text), contentType: 'application/json', contentEncoding: null, chunked: false });

async function send(method: 'GET' | 'POST', path: string, request?: RawRequest): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (request?.contentType != null) headers['content-type'] = request.contentType;
  if (request?.contentEncoding != null) headers['content-encoding'] = request.contentEncoding;
  const bytes = request?.body;
  // A stream goes out chunked, without Content-Length; a Buffer gets no default content type.
  const body = bytes && request.chunked ? new Blob([bytes]).stream() : bytes;
  const init: RequestInit & { duplex?: 'half' } = { method, headers, ...(body === undefined ? {} : { body, duplex: 'half' }) };
  const response = await fetch(new URL(path, endpoints.gatewayUrl), init);
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

const LEAKS = /\n\s+at |\.[jt]s:\d+|node_modules|\b(SELECT|INSERT|UPDATE|DELETE) |syntax error|violates .* constraint/;

/** A 4xx as every client may rely on: `{ error: { code, message, traceId } }`, no stack, no SQL. */
function expectTypedRejection(answer: Answer): { code: string } {
  expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
  expect(answer.status, answer.text).toBeLessThan(500);
  expect(answer.contentType).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text);
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual({
    code: expect.stringMatching(/^[A-Z_]+$/),
    message: expect.any(String),
    traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    ...(body.error.details === undefined ? {} : { details: expect.any(Array) }),
  });
  expect(answer.text).not.toMatch(LEAKS);
  return body.error;
}

/** Over the limit is 413 PAYLOAD_TOO_LARGE, whatever else is wrong; under it, never. */
function expectRefusedJson(answer: Answer, bodyBytes: number): void {
  const { code } = expectTypedRejection(answer);
  if (bodyBytes > BODY_LIMIT_BYTES) expect([answer.status, code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  else expect(answer.status).not.toBe(413);
}

describe('hostile input to the shop API', () => {
  let databases: Databases;
  let rowsBefore: { orders: number; reservations: number };

  // Stack test files run one at a time (fileParallelism: false), so nothing else writes meanwhile.
  const rowCounts = async () => {
    const [orders] = await databases.query('orders', 'SELECT count(*)::int AS n FROM orders');
    const [reservations] = await databases.query('inventory', 'SELECT count(*)::int AS n FROM reservations');
    return { orders: orders.n as number, reservations: reservations.n as number };
  };

  /** After every request: the gateway still answers, and no order or reservation appeared. */
  async function expectAliveAndNothingWritten(): Promise<void> {
    expect((await fetch(new URL('/healthz', endpoints.gatewayUrl))).status).toBe(200);
    expect(await rowCounts()).toEqual(rowsBefore);
  }

  beforeAll(async () => {
    databases = connectDatabases(endpoints);
    rowsBefore = await rowCounts();
  });
  afterAll(() => databases.close());

  it('answers any JSON value posted as an order with a typed 4xx, and writes nothing', { timeout: TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryJsonBody, queryString, async (body, query) => {
        expectRefusedJson(await send('POST', `/api/orders${query}`, json(body)), Buffer.byteLength(body));
        await expectAliveAndNothingWritten();
      }),
      runs([['{"__proto__":{"items":[{"sku":"MUG-SPAN","quantity":1}],"cardNumber":"4242 4242 4242 4242"}}', '']]),
    );
  });

  it('answers an order with wrong types, hostile unicode, huge numbers, deep nesting or 10k-item arrays in any field with a typed 4xx', { timeout: TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(invalidOrderBody, queryString, async (body, query) => {
        expectRefusedJson(await send('POST', `/api/orders${query}`, json(body)), Buffer.byteLength(body));
        await expectAliveAndNothingWritten();
      }),
      runs(),
    );
  });

  it('refuses every JSON body over 16 kB with 413 PAYLOAD_TOO_LARGE, with or without a Content-Length', { timeout: TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(oversizedBody, fc.boolean(), async (body, chunked) => {
        const answer = await send('POST', '/api/orders', { ...json(body), chunked });
        expect(expectTypedRejection(answer).code).toBe('PAYLOAD_TOO_LARGE');
        expect(answer.status).toBe(413);
        await expectAliveAndNothingWritten();
      }),
      runs(),
    );
  });

  it('answers any bytes under any content type, charset or content encoding with a typed 4xx', { timeout: TIMEOUT_MS }, async () => {
    const corruptGzip: RawRequest = { body: Buffer.from('{"items":[]}'), contentType: 'application/json', contentEncoding: 'gzip', chunked: false };
    await fc.assert(
      fc.asyncProperty(rawRequest, async (request) => {
        expectTypedRejection(await send('POST', '/api/orders', request));
        await expectAliveAndNothingWritten();
      }),
      runs([[corruptGzip], [{ ...corruptGzip, contentEncoding: 'br' }], [gzipBomb]]),
    );
  });

  it('refuses a small gzip body that inflates past the limit with 413', async () => {
    const answer = await send('POST', '/api/orders', gzipBomb);
    expect([answer.status, expectTypedRejection(answer).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('answers any order id and query string on GET /api/orders/:id with a typed 4xx, never a 5xx', { timeout: TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(orderIdSegment, queryString, async (segment, query) => {
        const answer = await send('GET', `/api/orders/${segment}${query}`);
        expect(answer.status, answer.text).toBeLessThan(500);
        if (answer.status >= 400) expectTypedRejection(answer);
        await expectAliveAndNothingWritten();
      }),
      runs([['%zz', ''], ['%E0%A4%A', '?%zz=%E0']]),
    );
  });

  it('answers well-formed orders that name an unknown product with 422 UNKNOWN_SKU and reserves nothing', { timeout: TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(unknownProductOrder, async (order) => {
        const answer = await send('POST', '/api/orders', json(JSON.stringify(order)));
        expect([answer.status, expectTypedRejection(answer).code]).toEqual([422, 'UNKNOWN_SKU']);
        await expectAliveAndNothingWritten();
      }),
      runs(),
    );
  });
});
