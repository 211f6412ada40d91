import { EVERY_REQUEST, GATEWAY_ROUTES, mergeErrors, NO_ROUTE, WITH_BODY, type ApiResponse, type ApiRoute } from '@tracebed/contracts';

/** One request and what came back, as a client saw it. */
export interface Exchange {
  method: string;
  /** The path, without the query. */
  path: string;
  status: number;
  /** The parsed JSON body, or the text when it was not JSON. */
  body: unknown;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patternOf = (template: string) => new RegExp(`^${template.split('/').map((part) => (/^\{\w+\}$/.test(part) ? '[^/]+' : escapeRegExp(part))).join('/')}$`);

/** The described route a request reached; HEAD is answered by the GET route. */
export function routeOf(method: string, path: string, routes: ApiRoute[] = GATEWAY_ROUTES): ApiRoute | undefined {
  const wanted = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  return routes.find((route) => route.method === wanted && patternOf(route.path).test(path));
}

/** What a path no route matches may answer: the typed 404, or what the stages before any route answer. */
function unroutedResponses(method: string): Record<string, ApiResponse> {
  const readsBody = !['GET', 'HEAD'].includes(method.toUpperCase());
  return mergeErrors(readsBody ? [EVERY_REQUEST, WITH_BODY, NO_ROUTE] : [EVERY_REQUEST, NO_ROUTE]);
}

const excerpt = (body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === undefined ? '(no body)' : text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

/** The ways a response departs from the API description for its route and status; empty when it keeps to it. */
export function responseProblems(exchange: Exchange, routes: ApiRoute[] = GATEWAY_ROUTES): string[] {
  const route = routeOf(exchange.method, exchange.path, routes);
  const responses = route?.responses ?? unroutedResponses(exchange.method);
  const where = route ? `${exchange.method.toUpperCase()} ${route.path}` : `${exchange.method.toUpperCase()} ${exchange.path} (no described route)`;
  const named = responses[String(exchange.status)] ?? responses[`${String(exchange.status)[0]}XX`];
  const described = named ?? responses.default;
  const undocumented = `${where} answered ${exchange.status}, a status its description does not name (it names ${Object.keys(responses).join(', ')})`;
  if (!described) return [undocumented];
  if (!described.body || exchange.method.toUpperCase() === 'HEAD') return [];
  const parsed = described.body.safeParse(exchange.body);
  if (parsed.success) return [];
  // The default response is an injected fault's: anything else at that status is undocumented.
  if (!named) return [`${undocumented}; body ${excerpt(exchange.body)}`];
  return parsed.error.issues.map((issue) => `${where} answered ${exchange.status} with ${issue.path.join('.') || '(root)'}: ${issue.message}; body ${excerpt(exchange.body)}`);
}

export class UndescribedResponseError extends Error {
  override readonly name = 'UndescribedResponseError';
}

/** Throws when the response departs from the API description, naming every way it does. */
export function assertDescribedResponse(exchange: Exchange, routes: ApiRoute[] = GATEWAY_ROUTES): void {
  const problems = responseProblems(exchange, routes);
  if (problems.length > 0) throw new UndescribedResponseError(`the response departs from the API description (docs/openapi.json):\n${problems.join('\n')}`);
}
