import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_DOCUMENTS, DOCS_DIRECTORY, documentText } from './api-documents';

// Rewrites docs/openapi.json and docs/asyncapi.json from the schemas (run after a build).
for (const [file, build] of Object.entries(API_DOCUMENTS)) {
  writeFileSync(path.join(DOCS_DIRECTORY, file), documentText(build()));
  console.log(`wrote docs/${file}`);
}
