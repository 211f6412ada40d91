import type { RequestHandler } from 'express';
import { AppError } from '../errors';

/** Loopback names every listener answers for, whatever ALLOWED_HOSTS adds. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Methods that only read: a cross-site page may send them, as it may load an image. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface HostPolicy {
  /** Is `host` (a Host header: name, optional port) one this listener answers for? */
  allowsHost(host: string | undefined): boolean;
  /** May a request carrying `origin` change state on the listener reached through `host`? */
  allowsOrigin(origin: string, host: string): boolean;
}

/** The host name of a Host header or URL authority, lower-cased, port left out; undefined when malformed. */
export function hostNameOf(authority: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::\d{1,5})?$/i.exec(authority.trim());
  return match?.[1]?.toLowerCase();
}

/**
 * Which Host and Origin headers a listener accepts. A DNS-rebinding page reaches 127.0.0.1 under
 * its own host name, so the Host check turns it away; a page on another origin can still make the
 * browser send a request, so state changes must come from the listener's own origin.
 */
export function createHostPolicy(extraHosts: readonly string[] = []): HostPolicy {
  const allowed = new Set([...LOOPBACK_HOSTS, ...extraHosts].map((host) => host.toLowerCase()));
  return {
    allowsHost: (host) => {
      const name = host === undefined ? undefined : hostNameOf(host);
      return name !== undefined && allowed.has(name);
    },
    allowsOrigin: (origin, host) => {
      const url = URL.parse(origin);
      if (!url || !['http:', 'https:'].includes(url.protocol)) return false;
      // URL leaves out a scheme's default port, and so may a Host header.
      const defaultPort = url.protocol === 'https:' ? '443' : '80';
      const hostPort = /:(\d+)$/.exec(host)?.[1] ?? defaultPort;
      return url.hostname.toLowerCase() === hostNameOf(host) && (url.port || defaultPort) === hostPort;
    },
  };
}

/** A printable form of a header for an error message, or nothing when it holds anything odd. */
const quoted = (value: string) => (/^[\w.:[\]/-]{1,100}$/.test(value) ? ` '${value}'` : '');

/**
 * Turns away a request whose Host is not allowed (421), and a state-changing request from another
 * origin (403): by its Origin header, or without one by the browser's Sec-Fetch-Site.
 */
export function hostAndOriginCheck(policy: HostPolicy): RequestHandler {
  return function checkHostAndOrigin(request, _response, next) {
    const host = request.headers.host;
    if (!policy.allowsHost(host)) {
      next(new AppError('HOST_NOT_ALLOWED', `host${quoted(host ?? '')} is not served here: add it to ALLOWED_HOSTS to allow it`, 421));
      return;
    }
    if (SAFE_METHODS.has(request.method)) return next();
    const origin = request.headers.origin;
    const crossSite = origin === undefined ? request.headers['sec-fetch-site'] === 'cross-site' : !policy.allowsOrigin(origin, host!);
    if (crossSite) {
      next(new AppError('ORIGIN_NOT_ALLOWED', `origin${quoted(origin ?? '')} may not ${request.method} here: only pages of this origin may`, 403));
      return;
    }
    next();
  };
}
