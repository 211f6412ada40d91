import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createHostPolicy, createServiceFaults, type Logger } from '@tracebed/platform';
import { createApp } from './app';
import { createShopBackends } from './data-access/shop-backends';

export interface InProcessGateway {
  url: string;
  close(): Promise<void>;
}

const listen = async (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const close = async (server: Server) => new Promise((resolve) => server.close(resolve));

/**
 * The gateway's app on a free port of 127.0.0.1, in this process, over a server that plays
 * orders and inventory (and Jaeger's query API) on one port: for tests of the gateway alone.
 */
export async function startGatewayInProcess(options: { upstreams: Server; logger: Logger; perRequestFaults: boolean }): Promise<InProcessGateway> {
  const upstreamUrl = await listen(options.upstreams);
  const faults = createServiceFaults('gateway', { FAULTS: [], FAULTS_PER_REQUEST: options.perRequestFaults ? 'on' : 'off' });
  const app = createApp({
    backends: createShopBackends({ ordersUrl: upstreamUrl, inventoryUrl: upstreamUrl, faults, timeoutMs: 2_000 }),
    faults,
    logger: options.logger,
    jaegerUiUrl: 'http://127.0.0.1:16686',
    perRequestFaults: options.perRequestFaults,
    shopPage: { webDirectory: path.join(__dirname, 'no-page-here'), jaegerQueryUrl: upstreamUrl, browserSpansUrl: `${upstreamUrl}/v1/traces` },
    http: { readiness: [], hostPolicy: createHostPolicy() },
  });
  const gateway = createServer(app);
  const url = await listen(gateway);
  return {
    url,
    async close() {
      await close(gateway);
      await close(options.upstreams);
    },
  };
}
