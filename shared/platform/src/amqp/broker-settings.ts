import { env } from '../config';

/**
 * How a service reaches RabbitMQ: the URL names the service's own user, and the password comes
 * from a file the stack generated (natively .tracebed/secrets/rabbitmq-<service>), so it is in no
 * environment. Without the file, the URL's own password is used.
 */
export const brokerSettings = {
  AMQP_URL: env.url(),
  AMQP_PASSWORD_FILE: env.secretFile(),
};

export interface BrokerConfig {
  AMQP_URL: string;
  AMQP_PASSWORD_FILE?: { path: string; secret: string } | undefined;
}

/** The URL to connect with: the configured one, with the password from its file. */
export function brokerUrl(config: BrokerConfig): string {
  if (!config.AMQP_PASSWORD_FILE) return config.AMQP_URL;
  const url = new URL(config.AMQP_URL);
  url.password = encodeURIComponent(config.AMQP_PASSWORD_FILE.secret);
  return url.toString();
}
