import type { RequestHandler } from 'express';

/** Nothing loads, frames or embeds an API response: the default for every service. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export interface SecurityHeadersOptions {
  /** The Content-Security-Policy of every response; a page that serves HTML sets its own. */
  contentSecurityPolicy?: string;
}

/**
 * Browser hardening on every response, errors and 404s included: no MIME sniffing, no
 * framing, no referrer, no cross-origin window or resource sharing, and nothing cached.
 * Set before any route runs, so a route may still override a header for its own response.
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): RequestHandler {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': options.contentSecurityPolicy ?? API_CONTENT_SECURITY_POLICY,
    'cache-control': 'no-store',
  };
  return function setSecurityHeaders(_request, response, next) {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    next();
  };
}
