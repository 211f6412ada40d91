import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createBroker, type Broker } from '../amqp/broker';
import type { Topology } from '../amqp/topology';
import { createLogger } from '../logger';
import { createPool } from '../pg/create-pool';

/** The settings every service with a database and a broker has in its config. */
export interface BackendConfig {
  HOST: string;
  PORT: number;
  LOG_LEVEL: string;
  DATABASE_URL: string;
  AMQP_URL: string;
}

/** The connections a backend service is built from. */
export interface BackendRuntime {
  service: string;
  logger: Logger;
  pool: Pool;
  broker: Broker;
}

/** Creates, without connecting yet, the logger, pool and broker client of a service. */
export function createBackendRuntime(service: string, config: BackendConfig, topology: Topology): BackendRuntime {
  const logger = createLogger({ service, level: config.LOG_LEVEL });
  return {
    service,
    logger,
    pool: createPool({ connectionString: config.DATABASE_URL, applicationName: service, logger }),
    broker: createBroker({ url: config.AMQP_URL, topology, logger }),
  };
}
