import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCliConfig } from './cli-config';
import { UsageError } from './usage-error';

const emptyCheckout = () => mkdtempSync(path.join(tmpdir(), 'cli-config-'));

describe('readCliConfig', () => {
  it('takes the admin URLs and the token as the fault admin client reads them', () => {
    const config = readCliConfig({ FAULT_ADMIN_TOKEN: 'a-token-of-sixteen+', ORDERS_ADMIN_PORT: '7081' }, false, emptyCheckout());
    expect(config.token()).toBe('a-token-of-sixteen+');
    expect(config.urls.orders.href).toBe('http://127.0.0.1:7081/');
  });

  it('says a missing token as a usage mistake, naming where it looked', () => {
    const dir = emptyCheckout();
    const config = readCliConfig({}, false, dir);
    expect(() => config.token()).toThrow(new UsageError(`no admin token: FAULT_ADMIN_TOKEN is not set and ${path.join(dir, '.tracebed', 'secrets', 'fault-admin-token')} is missing or empty (the stack writes it on its first start: make up)`));
  });

  it('refuses a remote admin URL as a usage mistake that names --allow-remote, and takes it with the flag', () => {
    const env = { INVENTORY_ADMIN_URL: 'https://faults.example.com' };
    expect(() => readCliConfig(env)).toThrow(new UsageError('INVENTORY_ADMIN_URL points at faults.example.com, not this machine; pass --allow-remote to send it the admin token'));
    expect(readCliConfig(env, true).urls.inventory.href).toBe('https://faults.example.com/');
  });

  it('says a bad port as a usage mistake', () => {
    expect(() => readCliConfig({ GATEWAY_ADMIN_PORT: 'http' })).toThrow(new UsageError("GATEWAY_ADMIN_PORT='http' is not a port"));
  });
});
