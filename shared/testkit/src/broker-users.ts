import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const secretsDir = () => path.join(process.env.TRACEBED_STATE || path.join(repoRoot, '.tracebed'), 'secrets');

/** The RabbitMQ users infra/rabbitmq/provision.sh creates; each password is a file the stack generated. */
export type BrokerUser = 'orders' | 'inventory' | 'payments' | 'tracebed-monitor' | 'tracebed-test';

/** The password of a provisioned RabbitMQ user, or undefined where the stack made none (compose). */
export function brokerPassword(user: BrokerUser): string | undefined {
  const file = path.join(secretsDir(), `rabbitmq-${user}`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** An AMQP URL logging in as `user`; fails, naming the file, when its password was never generated. */
export function amqpUrlAs(user: BrokerUser, hostAndPort: string): string {
  const password = brokerPassword(user);
  if (!password) throw new Error(`no password for RabbitMQ user ${user}: ${path.join(secretsDir(), `rabbitmq-${user}`)} is missing (start the native stack)`);
  return `amqp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${hostAndPort}`;
}

/**
 * What the test harness logs in as: its own user (publishes raw events, reads dead-letter queues)
 * where the native stack provisioned one; otherwise the bootstrap administrator of a compose node.
 */
export function harnessAmqpUrl(hostAndPort: string): string {
  return brokerPassword('tracebed-test') ? amqpUrlAs('tracebed-test', hostAndPort) : `amqp://tracebed:tracebed@${hostAndPort}`;
}
