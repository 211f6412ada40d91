// One linter for the repo, type-aware where it matters (promises), with the boundary rules:
// a service never imports another service; services share only shared/* packages; what runs
// the shop (services, shared/*) never imports a tool (tools/*): tools use shared/, not the reverse.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SERVICES = ['gateway', 'orders', 'inventory', 'payments'];
const toolsDir = path.join(import.meta.dirname, 'tools');
const TOOL_PACKAGES = readdirSync(toolsDir).map((tool) => JSON.parse(readFileSync(path.join(toolsDir, tool, 'package.json'), 'utf8')).name);
const NO_TOOLS = [
  { group: TOOL_PACKAGES.flatMap((name) => [name, `${name}/*`]), message: 'tools use shared/ libraries, never the reverse: move what both need into shared/' },
  { group: ['**/tools/**'], message: 'tools use shared/ libraries, never the reverse: move what both need into shared/' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.tracebed/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The shop page is browser code with a tsconfig of its own (DOM, bundler resolution).
    files: ['services/gateway/web/src/**/*.ts'],
    languageOptions: { parserOptions: { project: './services/gateway/web/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    // The k6 scripts run in k6's runtime, with k6's types.
    files: ['load-tests/k6/**/*.ts'],
    languageOptions: { parserOptions: { project: './load-tests/k6/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
  },
  ...SERVICES.map((service) => ({
    files: [`services/${service}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...SERVICES.filter((other) => other !== service).flatMap((other) => [
              { group: [`@tracebed/${other}`, `@tracebed/${other}/*`], message: 'services talk over HTTP and RabbitMQ, never by import' },
              { group: [`**/services/${other}/**`, `../../${other}/**`], message: 'services talk over HTTP and RabbitMQ, never by import' },
            ]),
            ...NO_TOOLS,
          ],
        },
      ],
    },
  })),
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NO_TOOLS }] },
  },
  {
    // Test helpers read loosely typed JSON from the services and Jaeger on purpose.
    files: ['**/test/**/*.ts', '**/*.test.ts', 'shared/testkit/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly' } },
  },
);
