import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { createHttpApp, finishHttpApp } from './create-http-app';
import { createHostPolicy } from './host-policy';
import { API_CONTENT_SECURITY_POLICY } from './security-headers';

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

/** A service with one HTML route, on a free port. */
async function serve(contentSecurityPolicy?: string): Promise<string> {
  const app = createHttpApp({ readiness: [], hostPolicy: createHostPolicy(), ...(contentSecurityPolicy ? { contentSecurityPolicy } : {}) });
  app.get('/page', (_request, response) => {
    response.type('html').send('<!doctype html><title>shop</title>');
  });
  finishHttpApp(app, createLogger({ service: 'security-headers-test', level: 'silent' }));
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('a service that serves a page', () => {
  it('replaces the strict policy with its own when createHttpApp is given one, on its 404s too', async () => {
    const pagePolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
    const url = await serve(pagePolicy);
    for (const path of ['/page', '/no-such-page']) {
      const response = await fetch(new URL(path, url));
      expect(response.headers.get('content-security-policy')).toBe(pagePolicy);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('keeps the strict policy when it is given none', async () => {
    const response = await fetch(new URL('/page', await serve()));
    expect(response.headers.get('content-security-policy')).toBe(API_CONTENT_SECURITY_POLICY);
    expect(API_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
