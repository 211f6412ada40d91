import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopSessions, SESSION_COOKIE, TRACE_PREFIX_COOKIE } from './shop-session';

const key = Buffer.alloc(32, 7);
let baseUrl: string;
let close: () => void;

beforeAll(async () => {
  const sessions = createShopSessions(key);
  const app = express().use(sessions.issue);
  app.get(['/', '/api/products'], (request, response) => {
    response.json({ prefix: sessions.traceIdPrefixOf(request) ?? null });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const cookiesOf = (response: Response) => Object.fromEntries(response.headers.getSetCookie().map((line) => [line.split('=')[0], line]));
const valueOf = (line: string | undefined) => line?.split(';')[0]?.split('=')[1];

describe('page sessions', () => {
  it('gives a page load a session only the gateway can read, and the trace-id prefix the page may read', async () => {
    const cookies = cookiesOf(await fetch(`${baseUrl}/`));
    expect(cookies[SESSION_COOKIE]).toMatch(/HttpOnly/);
    expect(cookies[SESSION_COOKIE]).toMatch(/SameSite=Strict/);
    expect(cookies[TRACE_PREFIX_COOKIE]).not.toMatch(/HttpOnly/);
    const session = valueOf(cookies[SESSION_COOKIE]);
    const prefix = valueOf(cookies[TRACE_PREFIX_COOKIE]);
    expect(prefix).toMatch(/^[0-9a-f]{16}$/);

    const seen = await fetch(`${baseUrl}/api/products`, { headers: { cookie: `${SESSION_COOKIE}=${session}; ${TRACE_PREFIX_COOKIE}=${prefix}` } });
    expect(await seen.json()).toEqual({ prefix });
    expect(seen.headers.getSetCookie()).toEqual([]);
  });

  it('gives API calls without a session no cookie and no prefix', async () => {
    const response = await fetch(`${baseUrl}/api/products`);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.json()).toEqual({ prefix: null });
  });

  it('derives a different prefix for every session, and none for a malformed one', async () => {
    const prefixOf = async (session: string) => ((await (await fetch(`${baseUrl}/api/products`, { headers: { cookie: `${SESSION_COOKIE}=${session}` } })).json()) as { prefix: string | null }).prefix;
    const first = await prefixOf('a'.repeat(32));
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(await prefixOf('b'.repeat(32))).not.toBe(first);
    expect(await prefixOf('not-a-session')).toBeNull();
  });

  it('sends the prefix again when the page holds a stale one (the gateway restarted with a new key)', async () => {
    const response = await fetch(`${baseUrl}/api/products`, { headers: { cookie: `${SESSION_COOKIE}=${'c'.repeat(32)}; ${TRACE_PREFIX_COOKIE}=0000000000000000` } });
    const { prefix } = (await response.json()) as { prefix: string };
    expect(valueOf(cookiesOf(response)[TRACE_PREFIX_COOKIE])).toBe(prefix);
  });
});
