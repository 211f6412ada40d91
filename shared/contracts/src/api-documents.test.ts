import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_DOCUMENTS, DOCS_DIRECTORY, documentText } from './api-documents';

describe('the API descriptions under docs/', () => {
  it.each(Object.keys(API_DOCUMENTS))('docs/%s is what the schemas generate (else: pnpm --filter @tracebed/contracts write-docs)', (file) => {
    const committed = readFileSync(path.join(DOCS_DIRECTORY, file), 'utf8');
    expect(committed).toBe(documentText(API_DOCUMENTS[file as keyof typeof API_DOCUMENTS]()));
  });
});
