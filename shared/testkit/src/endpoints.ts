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
  databaseUrls: { orders: string; inventory: string; payments: string };
}

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export function stackEndpoints(): StackEndpoints {
  const host = '127.0.0.1';
  const pg = port('PG_PORT', 5432);
  const database = (name: string) => process.env[`${name.toUpperCase()}_DATABASE_URL`] ?? `postgres://${name}:${name}@${host}:${pg}/${name}`;
  return {
    gatewayUrl: process.env.GATEWAY_URL ?? `http://${host}:${port('GATEWAY_PORT', 8080)}`,
    ordersUrl: process.env.ORDERS_URL ?? `http://${host}:${port('ORDERS_PORT', 8081)}`,
    inventoryUrl: process.env.INVENTORY_URL ?? `http://${host}:${port('INVENTORY_PORT', 8082)}`,
    paymentsUrl: process.env.PAYMENTS_URL ?? `http://${host}:${port('PAYMENTS_PORT', 8083)}`,
    jaegerUrl: process.env.JAEGER_URL ?? `http://${host}:${port('JAEGER_UI_PORT', 16686)}`,
    amqpUrl: process.env.AMQP_URL ?? `amqp://tracebed:tracebed@${host}:${port('AMQP_PORT', 5672)}`,
    databaseUrls: { orders: database('orders'), inventory: database('inventory'), payments: database('payments') },
  };
}
