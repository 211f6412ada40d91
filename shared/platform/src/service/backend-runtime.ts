import { isFaultPoint, withDatabaseFaults, type FaultInjector } from '@tracebed/faults';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createBroker, type Broker } from '../amqp/broker';
import { brokerUrl, type BrokerConfig } from '../amqp/broker-settings';
import { createPgDeliveryLedger } from '../amqp/delivery-ledger';
import type { Topology } from '../amqp/topology';
import { createLogger } from '../logger';
import { createPool } from '../pg/create-pool';

/** The settings every service with a database and a broker has in its config. */
export interface BackendConfig extends BrokerConfig {
  HOST: string;
  PORT: number;
  LOG_LEVEL: string;
  DATABASE_URL: string;
}

/** The connections a backend service is built from. */
export interface BackendRuntime {
  service: string;
  logger: Logger;
  pool: Pool;
  broker: Broker;
  faults: FaultInjector;
}

/** Creates, without connecting yet, the logger, pool and broker client of a service, with its faults. */
export function createBackendRuntime(service: string, config: BackendConfig, topology: Topology, faults: FaultInjector): BackendRuntime {
  const logger = createLogger({ service, level: config.LOG_LEVEL });
  const dbPoint = `${service}.db`;
  const consumePoint = `${service}.consume`;
  if (!isFaultPoint(dbPoint) || !isFaultPoint(consumePoint)) throw new Error(`${service} has no database or consumer fault points`);
  const pool = createPool({ connectionString: config.DATABASE_URL, applicationName: service, logger });
  // Delivery counting uses the pool without database faults: those are for the business's statements.
  const ledger = createPgDeliveryLedger(pool);
  return {
    service,
    logger,
    pool: withDatabaseFaults(pool, faults, dbPoint),
    broker: createBroker({ url: brokerUrl(config), service, topology, ledger, logger, faults: { injector: faults, point: consumePoint } }),
    faults,
  };
}
