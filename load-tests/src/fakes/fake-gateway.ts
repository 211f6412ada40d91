import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  traceparent: string | undefined;
}

export interface FakeGatewayOptions {
  /** The status POST /api/orders answers; 202 accepts the order. */
  placeStatus?: number;
}

export interface FakeGateway {
  baseUrl: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The gateway's answers to the load journey, no more: products, an accepted order, the order paid. */
export async function startFakeGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const received: ReceivedRequest[] = [];
  const route = (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    received.push({ method: request.method ?? '', path, traceparent: request.headers.traceparent?.toString() });
    if (request.method === 'GET' && path === '/api/products') return answer(response, 200, []);
    if (request.method === 'POST' && path === '/api/orders') {
      const status = options.placeStatus ?? 202;
      return answer(response, status, status === 202 ? { orderId: randomUUID(), status: 'pending' } : { error: { code: 'OUT_OF_STOCK', message: 'short' } });
    }
    if (request.method === 'GET' && path.startsWith('/api/orders/')) {
      const now = new Date().toISOString();
      return answer(response, 200, { status: 'paid', createdAt: now, updatedAt: now });
    }
    answer(response, 404, { error: { code: 'NOT_FOUND', message: path } });
  };
  const server = createServer((request, response) => request.resume().on('end', () => route(request, response)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
