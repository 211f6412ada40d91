import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * The page may load only its own scripts and styles and talk only to its own origin (the API,
 * the span relay). Styles set from script (the waterfall's bars) are CSSOM, not inline markup.
 */
export const SHOP_PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Vite names every bundled file after its content, so a file under /assets never changes.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves the built shop page (Vite's output) at `/`; a gateway built without it serves the API alone. */
export function shopPage(webDirectory: string): Router {
  const router = Router();
  if (!existsSync(path.join(webDirectory, 'index.html'))) return router;
  router.use(
    express.static(webDirectory, {
      index: 'index.html',
      redirect: false,
      dotfiles: 'ignore',
      setHeaders(response, filePath) {
        response.setHeader('content-security-policy', SHOP_PAGE_CONTENT_SECURITY_POLICY);
        if (filePath.includes(`${path.sep}assets${path.sep}`)) response.setHeader('cache-control', IMMUTABLE);
      },
    }),
  );
  return router;
}
