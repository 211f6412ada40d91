import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_TOKEN, readCliConfig, UsageError } from './cli-config';

describe('readCliConfig', () => {
  it('talks to the native stack on 127.0.0.1 with the demo token by default', () => {
    const config = readCliConfig({});
    expect(config.token).toBe(DEFAULT_ADMIN_TOKEN);
    expect(Object.fromEntries(Object.entries(config.urls).map(([service, url]) => [service, url.href]))).toEqual({
      gateway: 'http://127.0.0.1:8080/',
      orders: 'http://127.0.0.1:8081/',
      inventory: 'http://127.0.0.1:8082/',
      payments: 'http://127.0.0.1:8083/',
    });
  });

  it('takes the token, ports and URLs from the environment', () => {
    const config = readCliConfig({ FAULT_ADMIN_TOKEN: 'a-token-of-sixteen+', ORDERS_PORT: '9081', PAYMENTS_URL: 'http://localhost:7000' });
    expect(config.token).toBe('a-token-of-sixteen+');
    expect(config.urls.orders.href).toBe('http://127.0.0.1:9081/');
    expect(config.urls.payments.href).toBe('http://localhost:7000/');
  });

  it('refuses to send the token off this machine unless allowed', () => {
    const env = { INVENTORY_URL: 'https://faults.example.com' };
    expect(() => readCliConfig(env)).toThrow(new UsageError('INVENTORY_URL points at faults.example.com, not this machine; pass --allow-remote to send it the admin token'));
    expect(readCliConfig(env, true).urls.inventory.href).toBe('https://faults.example.com/');
  });

  it.each([
    [{ GATEWAY_PORT: 'http' }, "GATEWAY_PORT='http' is not a port"],
    [{ GATEWAY_PORT: '70000' }, "GATEWAY_PORT='70000' is not a port"],
    [{ ORDERS_URL: '127.0.0.1:8081' }, "ORDERS_URL='127.0.0.1:8081' is not an http(s) URL"],
  ])('names the bad setting in %j', (env, message) => {
    expect(() => readCliConfig(env)).toThrow(new UsageError(message));
  });
});
