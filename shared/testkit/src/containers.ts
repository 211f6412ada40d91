import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getContainerRuntimeClient, Wait, type StartedTestContainer } from 'testcontainers';
import { LoopbackContainer } from './loopback-container';

/** The infrastructure running in containers, and the host ports it is reachable on. */
export interface InfraContainers {
  host: string;
  ports: { PG_PORT: number; AMQP_PORT: number; JAEGER_OTLP_HTTP_PORT: number; JAEGER_UI_PORT: number };
  stop(): Promise<void>;
}

/** The image pins compose uses, from the repository's .env: one source for both. */
export function imagePins(repoRoot: string): Record<string, string> {
  const lines = readFileSync(path.join(repoRoot, '.env'), 'utf8').split('\n');
  return Object.fromEntries(lines.filter((line) => /^[A-Z_]+=/.test(line)).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()]));
}

/** The native stack's RabbitMQ password files (infra/native/secrets.sh), generated if missing. */
function brokerSecrets(repoRoot: string): string[] {
  const dir = path.join(process.env.TRACEBED_STATE || path.join(repoRoot, '.tracebed'), 'secrets');
  const names = ['orders', 'inventory', 'payments', 'tracebed-monitor', 'tracebed-test'].map((user) => `rabbitmq-${user}`);
  execFileSync('bash', [path.join(repoRoot, 'infra/native/secrets.sh'), dir, ...names]);
  return names.map((name) => path.join(dir, name));
}

/** True when testcontainers finds a container runtime (a Docker engine or compatible). */
export async function isDockerAvailable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * PostgreSQL, RabbitMQ and Jaeger in containers, configured from the same infra/ files as
 * compose and the native stack, each started only once it really serves.
 */
export async function startInfraContainers(repoRoot: string): Promise<InfraContainers> {
  const images = imagePins(repoRoot);
  const infra = (file: string) => path.join(repoRoot, 'infra', file);
  const required = (name: string): string => {
    // The environment wins, as it does for compose: stand-ins replace the official images there.
    const image = process.env[name] || images[name];
    if (!image) throw new Error(`${name} is missing from .env`);
    return image;
  };

  const postgres = new LoopbackContainer(required('POSTGRES_IMAGE'))
    .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
    .withCopyFilesToContainer([
      { source: infra('postgres/postgresql.conf'), target: '/etc/postgresql/postgresql.conf' },
      { source: infra('postgres/init.sql'), target: '/docker-entrypoint-initdb.d/10-tracebed.sql' },
    ])
    .withCommand(['postgres', '-c', 'config_file=/etc/postgresql/postgresql.conf', '-c', 'listen_addresses=*'])
    .withLoopbackPorts(5432)
    // The entrypoint starts the server twice (init, then for real): the second "ready" counts.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2));

  // The services log in as the users the native stack provisions, with its generated passwords.
  const rabbitmq = new LoopbackContainer(required('RABBITMQ_IMAGE'))
    .withCopyFilesToContainer([
      { source: infra('rabbitmq/rabbitmq.conf'), target: '/etc/rabbitmq/conf.d/20-tracebed.conf' },
      { source: infra('rabbitmq/provision.sh'), target: '/opt/tracebed/provision.sh' },
      ...brokerSecrets(repoRoot).map((file) => ({ source: file, target: `/opt/tracebed/secrets/${path.basename(file)}` })),
    ])
    .withLoopbackPorts(5672)
    .withWaitStrategy(Wait.forLogMessage(/Server startup complete/))
    .withStartupTimeout(90_000);

  const jaeger = new LoopbackContainer(required('JAEGER_IMAGE'))
    .withEnvironment({ JAEGER_LISTEN_HOST: '0.0.0.0' })
    .withCopyFilesToContainer([{ source: infra('jaeger/config.yaml'), target: '/etc/jaeger/config.yaml' }])
    .withCommand(['--config', '/etc/jaeger/config.yaml'])
    .withLoopbackPorts(4318, 16686, 13133)
    .withWaitStrategy(Wait.forHttp('/status', 13133).forStatusCode(200));

  const started: StartedTestContainer[] = await Promise.all([postgres.start(), rabbitmq.start(), jaeger.start()]);
  const [pg, broker, tracing] = started as [StartedTestContainer, StartedTestContainer, StartedTestContainer];
  const provisioned = await broker.exec(['bash', '/opt/tracebed/provision.sh', '/opt/tracebed/secrets']);
  if (provisioned.exitCode !== 0) throw new Error(`provisioning RabbitMQ's users failed: ${provisioned.output}`);
  return {
    host: pg.getHost(),
    ports: {
      PG_PORT: pg.getMappedPort(5432),
      AMQP_PORT: broker.getMappedPort(5672),
      JAEGER_OTLP_HTTP_PORT: tracing.getMappedPort(4318),
      JAEGER_UI_PORT: tracing.getMappedPort(16686),
    },
    stop: async () => {
      await Promise.all(started.map((container) => container.stop()));
    },
  };
}
