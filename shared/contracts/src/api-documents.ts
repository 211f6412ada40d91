import path from 'node:path';
import { buildAsyncApi } from './asyncapi';
import { API_VERSION, buildGatewayOpenApi } from './http/openapi';

/** The API descriptions kept under docs/, as their files hold them. */
export const API_DOCUMENTS = {
  'openapi.json': () => buildGatewayOpenApi(),
  'asyncapi.json': () => buildAsyncApi(API_VERSION),
} as const;

/** docs/ at the repository's root, from src/ or dist/ alike. */
export const DOCS_DIRECTORY = path.resolve(__dirname, '../../../docs');

export const documentText = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;
