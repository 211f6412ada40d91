import { createHmac, randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

/** HttpOnly: the page never sees it, so a trace id alone cannot buy the right to add spans. */
export const SESSION_COOKIE = 'tracebed_session';
/** Readable by the page: it starts every trace id it makes with these 16 hex digits. */
export const TRACE_PREFIX_COOKIE = 'tracebed_trace_prefix';

const SESSION_PATTERN = /^[0-9a-f]{32}$/;
const PAGE_PATHS = new Set(['/', '/index.html']);

export interface ShopSessions {
  /** Gives a page load without a session a new one; re-sends the prefix after a gateway restart. */
  issue: RequestHandler;
  /** The trace-id prefix this request's session sends spans under; undefined without a session. */
  traceIdPrefixOf(request: Request): string | undefined;
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Page sessions for the span relay. The prefix is a keyed hash of the session, so only the
 * browser holding the session cookie can send spans under it; the key lives in this process.
 */
export function createShopSessions(key: Buffer = randomBytes(32)): ShopSessions {
  const prefixOf = (session: string) => createHmac('sha256', key).update(session).digest('hex').slice(0, 16);
  const sessionOf = (request: Request) => {
    const session = cookieValue(request, SESSION_COOKIE);
    return session && SESSION_PATTERN.test(session) ? session : undefined;
  };
  const sendPrefix = (response: Response, session: string) => response.cookie(TRACE_PREFIX_COOKIE, prefixOf(session), { sameSite: 'strict', path: '/' });

  return {
    issue(request, response, next) {
      const session = sessionOf(request);
      if (!session && request.method === 'GET' && PAGE_PATHS.has(request.path)) {
        const fresh = randomBytes(16).toString('hex');
        response.cookie(SESSION_COOKIE, fresh, { httpOnly: true, sameSite: 'strict', path: '/' });
        sendPrefix(response, fresh);
      } else if (session && cookieValue(request, TRACE_PREFIX_COOKIE) !== prefixOf(session)) {
        sendPrefix(response, session);
      }
      next();
    },
    traceIdPrefixOf(request) {
      const session = sessionOf(request);
      return session ? prefixOf(session) : undefined;
    },
  };
}
