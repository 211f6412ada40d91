import { z } from 'zod';
import type { ApiResponse, ApiRoute } from './api-routes';
import { GATEWAY_ROUTES } from './gateway-api';
import { GATEWAY_LIMITS } from './gateway-limits';

export const API_VERSION = '0.1.0';

type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as OpenAPI 3.1 (or AsyncAPI) holds it: JSON Schema 2020-12 without its `$schema`.
 * Schemas named with `.meta({ id })` go to `shared` once, referred to as `#/components/schemas/<id>`.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output', shared: Record<string, unknown> = {}): JsonSchema {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  const { $schema: _dialect, $defs, ...rest } = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  Object.assign(shared, $defs);
  return rest;
}

const FAULT_HEADER = {
  name: 'X-Fault',
  in: 'header',
  required: false,
  description: `Faults for this request alone, e.g. \`orders.place=error:500,inventory.reserve=latency:300ms\`: at most ${GATEWAY_LIMITS.faultRules} rules. 403 FAULTS_DISABLED when per-request faults are off.`,
  schema: { type: 'string', maxLength: GATEWAY_LIMITS.faultSpecLength },
};

function responseOf(response: ApiResponse, shared: JsonSchema): JsonSchema {
  const content = response.body
    ? { 'application/json': { schema: jsonSchemaOf(response.body, 'output', shared) } }
    : response.contentType
      ? { [response.contentType]: {} }
      : undefined;
  return { description: response.description, ...(response.headers ? { headers: response.headers } : {}), ...(content ? { content } : {}) };
}

function operationOf(route: ApiRoute, shared: JsonSchema): JsonSchema {
  const pathParams = route.pathParams
    ? Object.entries(route.pathParams.shape).map(([name, schema]) => ({ name, in: 'path', required: true, schema: jsonSchemaOf(schema as z.ZodType, 'input', shared) }))
    : [];
  const parameters = [...pathParams, ...(route.faultHeader ? [FAULT_HEADER] : [])];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.requestBody
      ? { requestBody: { required: true, description: route.requestBody.description, content: { 'application/json': { schema: jsonSchemaOf(route.requestBody.schema, 'input', shared) } } } }
      : {}),
    responses: Object.fromEntries(Object.entries(route.responses).map(([status, response]) => [status, responseOf(response, shared)])),
  };
}

/** The OpenAPI 3.1 description of the gateway's public API, generated from the same zod schemas the services validate with. */
export function buildGatewayOpenApi(routes: ApiRoute[] = GATEWAY_ROUTES): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const shared: JsonSchema = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operationOf(route, shared);
  return {
    openapi: '3.1.1',
    info: {
      title: 'tracebed shop API',
      version: API_VERSION,
      description:
        'The public API of the gateway. Every error answers `{ error: { code, message, traceId } }` (plus `details` for invalid input); ' +
        'a path no route matches answers 404 NOT_FOUND. Every response carries the trace it made in `traceresponse` and `x-trace-id`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://127.0.0.1:8080', description: 'the native or compose stack' }],
    paths,
    components: { schemas: Object.fromEntries(Object.entries(shared).sort(([a], [b]) => (a < b ? -1 : 1))) },
  };
}
