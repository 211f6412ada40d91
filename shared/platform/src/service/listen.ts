import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';

/** Starts an app on host:port and logs where; rejects when the port is taken. */
export async function listen(app: Express, where: { name: string; host: string; port: number }, logger: Logger): Promise<Server> {
  const server = app.listen(where.port, where.host);
  await once(server, 'listening'); // rejects on 'error', such as EADDRINUSE
  logger.info({ listener: where.name, host: where.host, port: where.port }, 'service.listening');
  return server;
}

/** Stops taking connections and resolves once those open have ended. */
export const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
