import { describe, expect, it } from 'vitest';
import { assertDescribedResponse, responseProblems, routeOf, UndescribedResponseError } from './api-response-check';
import { EXAMPLE_ORDER } from './example-order';

const ORDER = {
  ...EXAMPLE_ORDER,
  links: { self: `/api/orders/${EXAMPLE_ORDER.orderId}`, trace: `http://127.0.0.1:16686/trace/${EXAMPLE_ORDER.traceId}` },
};
const placed = (status: number, body: unknown) => ({ method: 'POST', path: '/api/orders', status, body });
const failure = (code: string) => ({ error: { code, message: 'why', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' } });

describe('holding a response to the API description', () => {
  it('accepts a placed order as the description shapes it', () => {
    expect(responseProblems(placed(202, ORDER))).toEqual([]);
  });

  it('rejects a status the route does not document', () => {
    expect(responseProblems(placed(201, ORDER))).toEqual([expect.stringContaining('POST /api/orders answered 201, a status its description does not name')]);
    const trace = { method: 'GET', path: '/api/traces/4bf92f3577b34da6a3ce929d0e0e4736', status: 409, body: failure('TRACE_NOT_FOUND') };
    expect(responseProblems(trace)).toEqual([expect.stringContaining('GET /api/traces/{traceId} answered 409, a status its description does not name')]);
  });

  it('rejects a field the order view does not have', () => {
    expect(responseProblems(placed(202, { ...ORDER, paymentRequests: 1 }))).toEqual([expect.stringMatching(/answered 202 with \(root\): Unrecognized key: "paymentRequests"/)]);
  });

  it('rejects a status the order view does not know, and a quantity over the limit', () => {
    const problems = responseProblems(placed(202, { ...ORDER, status: 'shipped', items: [{ sku: 'MUG-SPAN', quantity: 100_000, unitPriceCents: 1 }] }));
    expect(problems).toHaveLength(2);
  });

  it('accepts a documented error with its code, and rejects a code the status does not have', () => {
    expect(responseProblems(placed(409, failure('OUT_OF_STOCK')))).toEqual([]);
    expect(responseProblems(placed(409, failure('ORDER_NOT_FOUND')))).toEqual([expect.stringContaining('error.code')]);
  });

  it('accepts 400 VALIDATION_FAILED with its details, and rejects an error body with an extra field', () => {
    const invalid = { error: { code: 'VALIDATION_FAILED', message: 'invalid order', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', details: [{ path: 'items.0.quantity', message: 'too small' }] } };
    expect(responseProblems(placed(400, invalid))).toEqual([]);
    expect(responseProblems(placed(400, { ...invalid, stack: 'at ...' }))).not.toEqual([]);
  });

  it('accepts a fault injected at any status on a route that reads faults, and nothing else at an undocumented one', () => {
    expect(responseProblems(placed(418, failure('FAULT_INJECTED')))).toEqual([]);
    expect(responseProblems(placed(418, failure('INTERNAL')))).toEqual([expect.stringContaining('answered 418, a status its description does not name')]);
  });

  it('finds the route of a path with parameters, and the GET route for HEAD', () => {
    expect(routeOf('GET', '/api/orders/3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b')?.operationId).toBe('getOrder');
    expect(routeOf('HEAD', '/api/products')?.operationId).toBe('listProducts');
    expect(routeOf('GET', '/api/orders/1/2')).toBeUndefined();
  });

  it('lets a path no route matches answer only the typed 404 or what comes before any route', () => {
    expect(responseProblems({ method: 'GET', path: '/api/nothing-here', status: 404, body: failure('NOT_FOUND') })).toEqual([]);
    expect(responseProblems({ method: 'POST', path: '/api/nothing-here', status: 400, body: failure('MALFORMED_JSON') })).toEqual([]);
    expect(responseProblems({ method: 'GET', path: '/api/nothing-here', status: 200, body: {} })).toEqual([expect.stringContaining('no described route')]);
  });

  it('throws, naming each problem, when asked to assert', () => {
    expect(() => assertDescribedResponse(placed(201, ORDER))).toThrow(UndescribedResponseError);
    expect(() => assertDescribedResponse(placed(202, ORDER))).not.toThrow();
  });
});
