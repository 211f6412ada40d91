import { connectBroker, type BrokerConnection } from './broker';
import { connectDatabases, type Databases } from './databases';
import { stackEndpoints, type StackEndpoints } from './endpoints';
import { createShopClient, type ShopClient } from './shop-client';

/** What a test of the running stack reaches it through; `close` it in afterAll. */
export interface StackConnections {
  endpoints: StackEndpoints;
  /** The public API, as a user calls it. */
  shop: ShopClient;
  /** Each service's database; the pools connect at the first query. */
  databases: Databases;
  /** Connects to RabbitMQ as the harness, for tests that publish raw messages or read dead letters. */
  connectBroker(): Promise<BrokerConnection>;
  /** Closes the broker connections opened here, then the database pools. */
  close(): Promise<void>;
}

export function connectToStack(endpoints: StackEndpoints = stackEndpoints()): StackConnections {
  const databases = connectDatabases(endpoints);
  const brokers: BrokerConnection[] = [];
  return {
    endpoints,
    shop: createShopClient(endpoints.gatewayUrl),
    databases,
    async connectBroker() {
      const broker = await connectBroker(endpoints.amqpUrl);
      brokers.push(broker);
      return broker;
    },
    async close() {
      await Promise.all(brokers.map((broker) => broker.close()));
      await databases.close();
    },
  };
}
