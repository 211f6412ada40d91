export * from './errors';
export * from './config';
export * from './logger';
export * from './tracing';
export * from './backoff';
export * from './shutdown';
export { isDependencyUnavailable } from './dependency-errors';
export { createHttpApp, finishHttpApp, type HttpAppOptions } from './http/create-http-app';
export { parseInput } from './http/validate';
export type { ReadinessCheck } from './http/readiness';
export { createServiceClient, type ServiceClient, type ServiceClientOptions, type PostOptions } from './http/service-client';
export {
  createCircuitBreaker,
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitPermit,
  type CircuitState,
  type CircuitStateChange,
} from './resilience/circuit-breaker';
export { fullJitterDelay, type RetryOptions } from './resilience/retry-policy';
export { createPool, isDatabaseReachable, type Pool, type PoolClient, type PoolOptions } from './pg/create-pool';
export { inTransaction } from './pg/transaction';
export { runMigrations } from './pg/migrate';
export { createBroker, type Broker, type BrokerOptions, type PublishOptions } from './amqp/broker';
export { PoisonMessageError, BrokerUnavailableError } from './amqp/errors';
export { parseMessage } from './amqp/parse-message';
export { deadLetterQueueName, type Topology, type QueueDeclaration } from './amqp/topology';
export { brokerSettings, type BrokerConfig } from './amqp/broker-settings';
export type { InboundMessage, Subscription } from './amqp/subscription';
export { runBackendService, exitOnStartupFailure, type BackendServiceOptions, type ServiceHttp, type Worker } from './service/run-backend-service';
export { createBackendRuntime, type BackendRuntime, type BackendConfig } from './service/backend-runtime';
export { faultSettings, createServiceFaults, type FaultConfig } from './service/fault-settings';
export { faultAdminRoutes, createFaultAdminApp, type FaultAdminOptions } from './http/fault-admin';
export { createHostPolicy, hostAndOriginCheck, LOOPBACK_HOSTS, type HostPolicy } from './http/host-policy';
export { listenerSettings, adminTokenOf, type ListenerConfig } from './service/listener-settings';
export { startServiceListeners, type ServiceListenersOptions } from './service/service-listeners';
export { faultedRequestLimit } from './http/faulted-request-limit';
