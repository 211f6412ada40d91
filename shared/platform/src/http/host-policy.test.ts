import { once } from 'node:events';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, finishHttpApp } from './create-http-app';
import { createHostPolicy, hostNameOf } from './host-policy';

describe('createHostPolicy', () => {
  const policy = createHostPolicy(['gateway']);

  it.each(['localhost', 'localhost:8080', '127.0.0.1:9083', 'LOCALHOST:1', '[::1]:8080', 'gateway:8080'])('accepts the host %s', (host) => {
    expect(policy.allowsHost(host)).toBe(true);
  });

  it.each([undefined, '', 'attacker.example', 'attacker.example:8080', '127.0.0.1.attacker.example', 'localhost.:8080', 'localhost:80:80', 'local host', '10.0.0.5:8080', 'orders:8081'])(
    'refuses the host %j',
    (host) => {
      expect(policy.allowsHost(host)).toBe(false);
    },
  );

  it('accepts only the hosts it was given besides the loopback names', () => {
    expect(createHostPolicy().allowsHost('gateway:8080')).toBe(false);
    expect(createHostPolicy(['Shop.Example']).allowsHost('shop.example')).toBe(true);
  });

  it.each([
    ['http://127.0.0.1:8080', '127.0.0.1:8080', true],
    ['http://localhost:8080', 'localhost:8080', true],
    ['https://shop.example', 'shop.example', true],
    ['http://shop.example:80', 'shop.example', true],
    ['http://localhost:8080', '127.0.0.1:8080', false],
    ['http://127.0.0.1:5173', '127.0.0.1:8080', false],
    ['http://attacker.example', '127.0.0.1:8080', false],
    ['null', '127.0.0.1:8080', false],
    ['file://', 'localhost', false],
    ['not a url', 'localhost', false],
  ])('judges the origin %s on host %s: same origin is %s', (origin, host, allowed) => {
    expect(policy.allowsOrigin(origin, host)).toBe(allowed);
  });

  it('reads host names out of Host headers, and nothing out of malformed ones', () => {
    expect(hostNameOf('Gateway:8080')).toBe('gateway');
    expect(hostNameOf('[::1]:9080')).toBe('[::1]');
    expect(hostNameOf('a b')).toBeUndefined();
    expect(hostNameOf('user@host')).toBeUndefined();
  });
});

interface Answer {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** node:http, because fetch will not send a Host header of our choosing. */
function send(port: number, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: '127.0.0.1', port, path: '/things', method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
    });
    call.on('error', reject);
    call.end(options.body);
  });
}

describe('every listener built by createHttpApp', () => {
  let server: Server;
  let port: number;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    const app = createHttpApp({ readiness: [], hostPolicy: createHostPolicy(['orders']) });
    app.get('/things', (_request, response) => void response.json({ things: [] }));
    app.post('/things', (_request, response) => void response.status(201).json({ made: true }));
    server = finishHttpApp(app, pino({ level: 'silent' })).listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a foreign Host with 421 and a JSON error naming it', async () => {
    const answer = await send(port, { headers: { host: 'attacker.example' } });
    expect(answer).toEqual({ status: 421, body: { error: { code: 'HOST_NOT_ALLOWED', message: "host 'attacker.example' is not served here: add it to ALLOWED_HOSTS to allow it" } } });
  });

  it('refuses a foreign Host on the probes too, and serves them to loopback and the allowed names', async () => {
    const probe = (host: string) =>
      new Promise<number>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: '/healthz', headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await probe('attacker.example')).toBe(421);
    expect(await probe(`127.0.0.1:${port}`)).toBe(200);
    expect(await probe('orders:8081')).toBe(200);
  });

  it('answers a POST from another origin with 403, and lets its own origin and origin-less clients through', async () => {
    const host = `127.0.0.1:${port}`;
    const post = (headers: Record<string, string>) => send(port, { method: 'POST', headers: { ...json, host, ...headers }, body: '{}' });
    const evil = await post({ origin: 'http://attacker.example' });
    expect(evil).toEqual({ status: 403, body: { error: { code: 'ORIGIN_NOT_ALLOWED', message: "origin 'http://attacker.example' may not POST here: only pages of this origin may" } } });
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ origin: `http://${host}` })).status).toBe(201);
    expect((await post({})).status).toBe(201);
  });

  it('lets another origin read, as a page may link to it', async () => {
    const answer = await send(port, { headers: { host: `localhost:${port}`, origin: 'http://attacker.example' } });
    expect(answer).toEqual({ status: 200, body: { things: [] } });
  });
});
