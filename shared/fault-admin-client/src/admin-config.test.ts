import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdminConfigError, readAdminConfig } from './admin-config';

/** A checkout-like folder, with the token file the stack writes on its first start when `token` is given. */
function checkout(token?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'admin-config-'));
  if (token !== undefined) {
    mkdirSync(path.join(dir, '.tracebed', 'secrets'), { recursive: true });
    writeFileSync(path.join(dir, '.tracebed', 'secrets', 'fault-admin-token'), `${token}\n`);
  }
  return dir;
}

describe('readAdminConfig', () => {
  it("talks to the native stack's admin ports on 127.0.0.1, with the token the stack generated", () => {
    const config = readAdminConfig({}, { cwd: checkout('f00dfeed'.repeat(8)) });
    expect(config.token()).toBe('f00dfeed'.repeat(8));
    expect(Object.fromEntries(Object.entries(config.urls).map(([service, url]) => [service, url.href]))).toEqual({
      gateway: 'http://127.0.0.1:9080/',
      orders: 'http://127.0.0.1:9081/',
      inventory: 'http://127.0.0.1:9082/',
      payments: 'http://127.0.0.1:9083/',
    });
  });

  it('has no default token: without one it says where it looked and how to get one', () => {
    const dir = checkout();
    const config = readAdminConfig({}, { cwd: dir });
    const file = path.join(dir, '.tracebed', 'secrets', 'fault-admin-token');
    expect(() => config.token()).toThrow(new AdminConfigError(`no admin token: FAULT_ADMIN_TOKEN is not set and ${file} is missing or empty (the stack writes it on its first start: make up)`));
    expect(() => readAdminConfig({}, { cwd: checkout('') }).token()).toThrow(AdminConfigError);
  });

  it('takes the token, its file, the admin ports and URLs from the environment', () => {
    const config = readAdminConfig({ FAULT_ADMIN_TOKEN: 'a-token-of-sixteen+', ORDERS_ADMIN_PORT: '7081', PAYMENTS_ADMIN_URL: 'http://localhost:7000' }, { cwd: checkout() });
    expect(config.token()).toBe('a-token-of-sixteen+');
    expect(config.urls.orders.href).toBe('http://127.0.0.1:7081/');
    expect(config.urls.payments.href).toBe('http://localhost:7000/');
    const elsewhere = checkout('token-in-another-state-folder');
    expect(readAdminConfig({ TRACEBED_STATE: path.join(elsewhere, '.tracebed') }, { cwd: checkout() }).token()).toBe('token-in-another-state-folder');
    const file = path.join(elsewhere, '.tracebed', 'secrets', 'fault-admin-token');
    expect(readAdminConfig({ FAULT_ADMIN_TOKEN_FILE: file }, { cwd: checkout() }).token()).toBe('token-in-another-state-folder');
  });

  it('never takes the public URLs for admin ones', () => {
    const config = readAdminConfig({ ORDERS_URL: 'http://127.0.0.1:8081', ORDERS_PORT: '8081' }, { cwd: checkout() });
    expect(config.urls.orders.href).toBe('http://127.0.0.1:9081/');
  });

  it('refuses to send the token off this machine unless allowed, saying how the caller allows it', () => {
    const env = { INVENTORY_ADMIN_URL: 'https://faults.example.com' };
    expect(() => readAdminConfig(env)).toThrow(new AdminConfigError('INVENTORY_ADMIN_URL points at faults.example.com, not this machine; allow remote admin URLs to send it the admin token'));
    expect(() => readAdminConfig(env, { allowRemoteHint: 'pass --allow-remote' })).toThrow('not this machine; pass --allow-remote to send it the admin token');
    expect(readAdminConfig(env, { allowRemote: true }).urls.inventory.href).toBe('https://faults.example.com/');
  });

  it.each([
    [{ GATEWAY_ADMIN_PORT: 'http' }, "GATEWAY_ADMIN_PORT='http' is not a port"],
    [{ GATEWAY_ADMIN_PORT: '70000' }, "GATEWAY_ADMIN_PORT='70000' is not a port"],
    [{ ORDERS_ADMIN_URL: '127.0.0.1:9081' }, "ORDERS_ADMIN_URL='127.0.0.1:9081' is not an http(s) URL"],
  ])('names the bad setting in %j', (env, message) => {
    expect(() => readAdminConfig(env)).toThrow(new AdminConfigError(message));
  });
});
