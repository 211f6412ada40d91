import { execFileSync, spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '@tracebed/contracts';
import { adminToken, faultAdmin, stackEndpoints, TEST_CARDS, type ServiceName } from '@tracebed/testkit';

// The attacks a hostile client made on the stack, replayed: each must fail, and the shop must not.
const endpoints = stackEndpoints();
const repoRoot = path.resolve(__dirname, '..', '..');
const publicUrl: Record<ServiceName, string> = { gateway: endpoints.gatewayUrl, orders: endpoints.ordersUrl, inventory: endpoints.inventoryUrl, payments: endpoints.paymentsUrl };
const LISTENERS = SERVICES.flatMap((service) => [
  { name: `${service} public`, url: publicUrl[service] },
  { name: `${service} admin`, url: endpoints.adminUrls[service] },
]);
/** The token the stack shipped with before, spelt so that no tracked file holds it. */
const OLD_DEMO_TOKEN = ['tracebed', 'demo', 'admin', 'token'].join('-');
const ORDER = JSON.stringify({ items: [{ sku: 'STICKERS', quantity: 1 }], cardNumber: TEST_CARDS.approved });

interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: () => any;
}

/** node:http rather than fetch: fetch sends its own Host header, an attacker's browser need not. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), text, json: () => JSON.parse(text) }));
    });
    call.on('error', reject);
    call.end(options.body);
  });
}

const bearer = () => ({ authorization: `Bearer ${adminToken()}` });
const hostOf = (url: string) => new URL(url).host;

describe('the fault admin API', () => {
  it.each(SERVICES)('is not served on the public port of %s, even with the right token', async (service) => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const answer = await send(`${publicUrl[service]}/admin/faults`, { method, headers: { ...bearer(), 'content-type': 'application/json' }, body: method === 'PUT' ? '{"faults":""}' : undefined });
      expect([method, answer.status, answer.json().error.code]).toEqual([method, 404, 'NOT_FOUND']);
    }
  });

  it.each(SERVICES)("of %s refuses a missing or wrong token with 401, and answers the stack's own", async (service) => {
    const url = `${endpoints.adminUrls[service]}/admin/faults`;
    const missing = await send(url);
    expect([missing.status, missing.json().error.code]).toEqual([401, 'UNAUTHORIZED']);
    const wrong = await send(url, { headers: { authorization: `Bearer ${OLD_DEMO_TOKEN}` } });
    expect([wrong.status, wrong.json().error.code]).toEqual([401, 'UNAUTHORIZED']);
    const right = await send(url, { headers: bearer() });
    expect([right.status, right.json().service]).toEqual([200, service]);
  });

  it('has no token in the repository: the one in use was generated, is in no tracked file, and its file is ignored', () => {
    const token = adminToken();
    expect(token.length).toBeGreaterThanOrEqual(32);
    const inTrackedFiles = (text: string) => spawnSync('git', ['grep', '-lF', text], { cwd: repoRoot, encoding: 'utf8' });
    expect(inTrackedFiles(token).stdout).toBe('');
    expect(inTrackedFiles(OLD_DEMO_TOKEN).stdout).toBe('');
    // Where the stack writes it by default; a TRACEBED_STATE elsewhere is outside the repository.
    const tokenFile = path.join(repoRoot, '.tracebed', 'secrets', 'fault-admin-token');
    expect(execFileSync('git', ['check-ignore', tokenFile], { cwd: repoRoot, encoding: 'utf8' }).trim()).toBe(tokenFile);
  });
});

describe('a request naming a host the stack does not serve (DNS rebinding)', () => {
  it.each(LISTENERS)('is refused by the $name listener with 421 and a JSON error', async ({ url }) => {
    for (const route of ['/healthz', '/admin/faults']) {
      const answer = await send(`${url}${route}`, { headers: { host: 'attacker.example', ...bearer() } });
      expect(answer.status, route).toBe(421);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.json().error).toMatchObject({ code: 'HOST_NOT_ALLOWED', message: "host 'attacker.example' is not served here: add it to ALLOWED_HOSTS to allow it" });
    }
  });
});

describe('a state-changing request from another origin (CSRF)', () => {
  it('cannot place an order', async () => {
    const answer = await send(`${endpoints.gatewayUrl}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://attacker.example' }, body: ORDER });
    expect([answer.status, answer.json().error.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
  });

  it('cannot set a fault, even carrying the right token', async () => {
    const url = `${endpoints.adminUrls.payments}/admin/faults`;
    // Harmless should it get through: 1 ms for one second, on a stack others may be testing on.
    const spec = 'payments.charge=latency:1ms';
    const body = JSON.stringify({ faults: spec, ttlSeconds: 1 });
    const answer = await send(url, { method: 'PUT', headers: { ...bearer(), 'content-type': 'application/json', origin: 'http://attacker.example' }, body });
    expect([answer.status, answer.json().error.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
    const rules = (await faultAdmin(endpoints.adminUrls.payments).list()).body.rules as { rule: string }[];
    expect(rules.map(({ rule }) => rule)).not.toContain(spec);
  });
});

describe('the legitimate page, API and probes', () => {
  it.each(['127.0.0.1', 'localhost'])('serve the shop page and take an order from the page at %s', async (name) => {
    const host = `${name}:${new URL(endpoints.gatewayUrl).port}`;
    const page = await send(`${endpoints.gatewayUrl}/`, { headers: { host } });
    expect([page.status, page.contentType]).toEqual([200, expect.stringMatching(/^text\/html/)]);
    const placed = await send(`${endpoints.gatewayUrl}/api/orders`, { method: 'POST', headers: { host, origin: `http://${host}`, 'content-type': 'application/json' }, body: ORDER });
    expect(placed.status, placed.text).toBe(202);
  });

  it('take an order from a client that sends no Origin, as curl does', async () => {
    const placed = await send(`${endpoints.gatewayUrl}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ORDER });
    expect(placed.status, placed.text).toBe(202);
  });

  it.each(LISTENERS)('answer the $name probes as the healthchecks call them (127.0.0.1)', async ({ url }) => {
    expect((await send(`${url}/healthz`, { headers: { host: hostOf(url) } })).status).toBe(200);
    expect((await send(`${url}/readyz`)).status).toBe(200);
  });
});
