import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The shop page is plain TypeScript and HTML; Vite bundles it into the gateway's dist/web,
// which the gateway serves at /. No framework: a learner reads it as it is.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
