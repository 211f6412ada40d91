import type { z } from 'zod';
import { ERROR_MEANINGS, errorBody, type ApiErrorCode } from './error-body';

export type HttpMethod = 'get' | 'post';

export interface ApiResponse {
  description: string;
  /** The JSON body; absent for the shop page's files, which are not JSON. */
  body?: z.ZodType;
  contentType?: string;
  headers?: Record<string, { description: string; schema: { type: 'string' } }>;
}

export interface ApiRoute {
  method: HttpMethod;
  /** An OpenAPI path template: `/api/orders/{orderId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  pathParams?: z.ZodObject;
  /** Whether the route reads the X-Fault header. */
  faultHeader?: boolean;
  requestBody?: { schema: z.ZodType; description: string };
  /** By status ('200', '404') or 'default'. */
  responses: Record<string, ApiResponse>;
}

/** Error codes a stage of the request can answer, by HTTP status. */
export type ErrorsByStatus = Partial<Record<number, ApiErrorCode[]>>;

/** Answered before any route runs: the Host check, and unexpected failures. */
export const EVERY_REQUEST: ErrorsByStatus = { 421: ['HOST_NOT_ALLOWED'], 500: ['INTERNAL'] };
/** Answered for a request with a body, before its route reads it. */
export const WITH_BODY: ErrorsByStatus = { 400: ['MALFORMED_JSON'], 403: ['ORIGIN_NOT_ALLOWED'], 413: ['PAYLOAD_TOO_LARGE'], 415: ['UNSUPPORTED_MEDIA_TYPE'] };
/** Answered for a path that matches no route. */
export const NO_ROUTE: ErrorsByStatus = { 404: ['NOT_FOUND'] };
const REQUEST_FAULTS: ErrorsByStatus = { 400: ['VALIDATION_FAILED'], 403: ['FAULTS_DISABLED'], 429: ['TOO_MANY_FAULTED_REQUESTS'] };

/** Merges the codes of several stages; with `faults`, every error may also be FAULT_INJECTED, at any status. */
export function mergeErrors(groups: ErrorsByStatus[], options: { faults?: boolean } = {}): Record<string, ApiResponse> {
  const merged = new Map<number, Set<ApiErrorCode>>();
  for (const group of options.faults ? [...groups, REQUEST_FAULTS] : groups) {
    for (const [status, codes] of Object.entries(group)) {
      const set = merged.get(Number(status)) ?? new Set<ApiErrorCode>();
      for (const code of codes ?? []) set.add(code);
      if (options.faults) set.add('FAULT_INJECTED');
      merged.set(Number(status), set);
    }
  }
  const responses: Record<string, ApiResponse> = {};
  for (const [status, set] of [...merged.entries()].sort(([a], [b]) => a - b)) responses[String(status)] = errorResponse([...set].sort(), status);
  if (options.faults) responses.default = errorResponse(['FAULT_INJECTED']);
  return responses;
}

function errorResponse(codes: ApiErrorCode[], status?: number): ApiResponse {
  const [first, ...rest] = codes as [ApiErrorCode, ...ApiErrorCode[]];
  const retry = status === 503 || status === 429 ? { 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'string' as const } } } : undefined;
  return {
    description: codes.map((code) => `${code}: ${ERROR_MEANINGS[code]}`).join('; '),
    body: errorBody([first, ...rest]),
    ...(retry ? { headers: retry } : {}),
  };
}
