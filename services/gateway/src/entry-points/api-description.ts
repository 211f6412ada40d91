import { Router } from 'express';
import { buildGatewayOpenApi } from '@tracebed/contracts';

/** `GET /api/openapi.json`: the OpenAPI 3.1 description of this API, built once from the shared schemas. */
export function apiDescription(): Router {
  const document = buildGatewayOpenApi();
  const router = Router();
  router.get('/api/openapi.json', (_request, response) => {
    response.json(document);
  });
  return router;
}
