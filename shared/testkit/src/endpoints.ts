import type { ServiceName } from '@tracebed/contracts';
import { harnessAmqpUrl } from './broker-users';

/**
 * Where the stack under test lives. Defaults match the native stack and compose; any of
 * them can be pointed elsewhere through the environment.
 */
export interface StackEndpoints {
  gatewayUrl: string;
  ordersUrl: string;
  inventoryUrl: string;
  paymentsUrl: string;
  jaegerUrl: string;
  amqpUrl: string;
  /** Each service's fault admin API, on its own port. */
  adminUrls: Record<ServiceName, string>;
  databaseUrls: { orders: string; inventory: string; payments: string };
}

export type { ServiceName };

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ADMIN_PORTS: Record<ServiceName, number> = { gateway: 9080, orders: 9081, inventory: 9082, payments: 9083 };

export function stackEndpoints(): StackEndpoints {
  const host = '127.0.0.1';
  const pg = port('PG_PORT', 5432);
  const adminUrl = (service: ServiceName) => {
    const name = `${service.toUpperCase()}_ADMIN`;
    return process.env[`${name}_URL`] ?? `http://${host}:${port(`${name}_PORT`, ADMIN_PORTS[service])}`;
  };
  const database = (name: string) => process.env[`${name.toUpperCase()}_DATABASE_URL`] ?? `postgres://${name}:${name}@${host}:${pg}/${name}`;
  return {
    gatewayUrl: process.env.GATEWAY_URL ?? `http://${host}:${port('GATEWAY_PORT', 8080)}`,
    ordersUrl: process.env.ORDERS_URL ?? `http://${host}:${port('ORDERS_PORT', 8081)}`,
    inventoryUrl: process.env.INVENTORY_URL ?? `http://${host}:${port('INVENTORY_PORT', 8082)}`,
    paymentsUrl: process.env.PAYMENTS_URL ?? `http://${host}:${port('PAYMENTS_PORT', 8083)}`,
    jaegerUrl: process.env.JAEGER_URL ?? `http://${host}:${port('JAEGER_UI_PORT', 16686)}`,
    amqpUrl: process.env.AMQP_URL ?? harnessAmqpUrl(`${host}:${port('AMQP_PORT', 5672)}`),
    databaseUrls: { orders: database('orders'), inventory: database('inventory'), payments: database('payments') },
    adminUrls: { gateway: adminUrl('gateway'), orders: adminUrl('orders'), inventory: adminUrl('inventory'), payments: adminUrl('payments') },
  };
}
