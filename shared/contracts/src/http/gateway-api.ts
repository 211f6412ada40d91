import { z } from 'zod';
import { EVERY_REQUEST, mergeErrors, NO_ROUTE, WITH_BODY, type ApiRoute, type ErrorsByStatus } from './api-routes';
import { GATEWAY_LIMITS } from './gateway-limits';
import { ORDER_LIMITS, OrderView, PlaceOrderRequest, ProductList, TraceId } from './order-shapes';

const OrderIdParams = z.strictObject({ orderId: z.uuid() });
const TraceIdParams = z.strictObject({ traceId: TraceId });

const Health = z.strictObject({ status: z.literal('alive') });
const Readiness = z.strictObject({ status: z.enum(['ready', 'not_ready']), dependencies: z.record(z.string(), z.enum(['up', 'down'])) });

// Shaped by the trace reader: the description holds what the page relies on, and lets the rest be.
const WaterfallSpan = z.looseObject({ spanId: z.string(), service: z.string(), name: z.string() });
const Waterfall = z.looseObject({ traceId: z.string(), spans: z.array(WaterfallSpan) });

const ApiDescription = z.looseObject({ openapi: z.string().startsWith('3.1.'), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) });

const UPSTREAM: ErrorsByStatus = { 502: ['UPSTREAM_BAD_RESPONSE'], 503: ['UPSTREAM_UNAVAILABLE'] };
const BAD_PATH: ErrorsByStatus = { 400: ['VALIDATION_FAILED'] };

/** Every route the gateway's public listener answers. */
export const GATEWAY_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/products',
    operationId: 'listProducts',
    summary: 'The catalogue, with the stock left of each product',
    faultHeader: true,
    responses: { '200': { description: 'the products', body: ProductList }, ...mergeErrors([EVERY_REQUEST, UPSTREAM], { faults: true }) },
  },
  {
    method: 'post',
    path: '/api/orders',
    operationId: 'placeOrder',
    summary: 'Places an order: reserves its stock, then payment follows asynchronously',
    description: `At most ${ORDER_LIMITS.itemsPerOrder} items of at most ${ORDER_LIMITS.quantityPerLine} units each; the body at most ${GATEWAY_LIMITS.bodyBytes} bytes. Poll the order until its status is final.`,
    faultHeader: true,
    requestBody: { schema: PlaceOrderRequest, description: 'the items and the card to charge; only its last four digits go further than the gateway' },
    responses: {
      '202': {
        description: 'accepted and pending: stock reserved, payment requested',
        body: OrderView,
        headers: { Location: { description: 'the order, to poll', schema: { type: 'string' } } },
      },
      ...mergeErrors([EVERY_REQUEST, WITH_BODY, { 400: ['VALIDATION_FAILED'], 409: ['OUT_OF_STOCK'], 422: ['UNKNOWN_SKU'] }, UPSTREAM], { faults: true }),
    },
  },
  {
    method: 'get',
    path: '/api/orders/{orderId}',
    operationId: 'getOrder',
    summary: 'An order and its status',
    pathParams: OrderIdParams,
    faultHeader: true,
    responses: { '200': { description: 'the order', body: OrderView }, ...mergeErrors([EVERY_REQUEST, BAD_PATH, { 404: ['ORDER_NOT_FOUND'] }, UPSTREAM], { faults: true }) },
  },
  {
    method: 'get',
    path: '/api/traces/{traceId}',
    operationId: 'getTraceWaterfall',
    summary: "An order's trace as a waterfall, read from Jaeger, for the shop page",
    description: `Reads at most ${GATEWAY_LIMITS.traceBytes} bytes of Jaeger's answer; a few lookups at a time.`,
    pathParams: TraceIdParams,
    responses: {
      '200': { description: 'the waterfall, root span first', body: Waterfall },
      ...mergeErrors([EVERY_REQUEST, BAD_PATH, { 404: ['TRACE_NOT_FOUND'], 502: ['TRACE_TOO_LARGE'], 503: ['TRACE_STORE_UNAVAILABLE'] }]),
    },
  },
  {
    method: 'post',
    path: '/otlp/v1/traces',
    operationId: 'relayPageSpans',
    summary: "The shop page's spans (OTLP/JSON), passed on to the collector",
    description: `Only the page's own spans, under its session's trace-id prefix; at most ${GATEWAY_LIMITS.spansPerBatch} spans and ${GATEWAY_LIMITS.spanBatchBytes} bytes per batch, rate-limited per client.`,
    requestBody: { schema: z.looseObject({ resourceSpans: z.array(z.unknown()) }), description: 'an OTLP/JSON ExportTraceServiceRequest' },
    responses: {
      '200': { description: "the collector's answer, passed on", body: z.unknown() },
      ...mergeErrors([EVERY_REQUEST, WITH_BODY, { 400: ['INVALID_SPANS', 'VALIDATION_FAILED'], 403: ['SPANS_REFUSED'], 429: ['RATE_LIMITED'], 503: ['COLLECTOR_UNAVAILABLE'] }]),
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getApiDescription',
    summary: 'This description',
    responses: { '200': { description: 'the OpenAPI 3.1 description of this API', body: ApiDescription }, ...mergeErrors([EVERY_REQUEST]) },
  },
  {
    method: 'get',
    path: '/healthz',
    operationId: 'checkLiveness',
    summary: 'Liveness: the process answers',
    responses: { '200': { description: 'alive', body: Health }, ...mergeErrors([EVERY_REQUEST]) },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'checkReadiness',
    summary: 'Readiness: orders and inventory answer',
    responses: {
      '200': { description: 'every dependency is up', body: Readiness },
      '503': { description: 'a dependency is down; `dependencies` names it', body: Readiness },
      ...mergeErrors([EVERY_REQUEST]),
    },
  },
  {
    method: 'get',
    path: '/',
    operationId: 'getShopPage',
    summary: 'The shop page',
    responses: { '200': { description: 'the page', contentType: 'text/html' }, ...mergeErrors([EVERY_REQUEST, NO_ROUTE]) },
  },
  {
    method: 'get',
    path: '/assets/{file}',
    operationId: 'getShopPageAsset',
    summary: "The shop page's scripts and styles, named after their content",
    pathParams: z.strictObject({ file: z.string() }),
    responses: { '200': { description: 'the file, cached for good', contentType: 'application/octet-stream' }, ...mergeErrors([EVERY_REQUEST, NO_ROUTE]) },
  },
];
