import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { configSchema as gatewayConfig } from '../../services/gateway/src/config';
import { configSchema as inventoryConfig } from '../../services/inventory/src/config';
import { configSchema as ordersConfig } from '../../services/orders/src/config';
import { configSchema as paymentsConfig } from '../../services/payments/src/config';
import { loadComposeProject, repoRoot } from './checkers';

const project = loadComposeProject();
const schemas: Record<string, z.ZodObject> = { gateway: gatewayConfig, orders: ordersConfig, inventory: inventoryConfig, payments: paymentsConfig };
const NODE_SERVICES = Object.keys(schemas);
/** Where each infrastructure container listens, as the services must address it. */
const INFRA_PORTS: Record<string, number[]> = { postgres: [5432], rabbitmq: [5672], jaeger: [4317, 4318, 16686] };
/** Variables read outside the services' config schemas: by node itself and by the OpenTelemetry SDK. */
const RUNTIME_ONLY = ['NODE_OPTIONS', 'OTEL_EXPORTER_OTLP_ENDPOINT'];

const environmentOf = (service: string) => project.services[service]?.environment ?? {};
const listeningPort = (service: string) => Number(environmentOf(service).PORT);

function nativeEnvironment(service: string): Record<string, string> {
  const output = execFileSync('bash', [path.join(repoRoot, 'infra/native/services.env.sh'), service], { encoding: 'utf8' });
  return Object.fromEntries(output.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe.each(NODE_SERVICES)('%s in compose', (service) => {
  const schema = schemas[service]!;
  const environment = environmentOf(service);

  it('sets every variable its config requires, and none it does not read', () => {
    const known = Object.keys(schema.shape);
    const required = known.filter((key) => !schema.shape[key]!.safeParse(undefined).success);
    expect(required.filter((key) => environment[key] === undefined)).toEqual([]);
    expect(Object.keys(environment).filter((key) => !known.includes(key) && !RUNTIME_ONLY.includes(key))).toEqual([]);
    // Unset, the SDK would export to localhost, which inside a container is the service itself.
    expect(environment.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
  });

  it('gives a configuration its own schema accepts', () => {
    // The token file exists only inside the container (the secrets volume): a stand-in here.
    const tokenFile = path.join(mkdtempSync(path.join(tmpdir(), 'parity-')), 'fault-admin-token');
    writeFileSync(tokenFile, 'a-generated-token-of-64-hex-digits-stands-in-here\n');
    expect(environment.FAULT_ADMIN_TOKEN_FILE).toBe('/run/tracebed/secrets/fault-admin-token');
    // So does the service's RabbitMQ password file, for the services that use RabbitMQ.
    const amqpPassword = environment.AMQP_PASSWORD_FILE ? { AMQP_PASSWORD_FILE: tokenFile } : {};
    if (environment.AMQP_PASSWORD_FILE) expect(environment.AMQP_PASSWORD_FILE).toBe(`/run/tracebed/secrets/rabbitmq-${service}`);
    expect(schema.safeParse({ ...environment, FAULT_ADMIN_TOKEN_FILE: tokenFile, ...amqpPassword }).error?.issues ?? []).toEqual([]);
  });

  it('addresses only hosts and ports that exist in compose', () => {
    for (const [key, value] of Object.entries(environment)) {
      if (!key.endsWith('_URL') && key !== 'OTEL_EXPORTER_OTLP_ENDPOINT') continue;
      const url = new URL(String(value));
      if (key === 'JAEGER_UI_URL') {
        // Opened by the user's browser, so it names the port published on the host.
        expect(url.port, key).toBe(project.services.jaeger?.ports?.[0]?.published);
        continue;
      }
      const target = url.hostname;
      expect(Object.keys(project.services), `${key} → ${target}`).toContain(target);
      const ports = INFRA_PORTS[target] ?? [listeningPort(target)];
      expect(ports, `${key} → ${target}:${url.port}`).toContain(Number(url.port));
    }
  });

  it('probes its health on the port it listens on', () => {
    expect(listeningPort(service)).toBeGreaterThan(0);
    expect(project.services[service]?.healthcheck?.test.join(' ')).toContain("'http://127.0.0.1:'+process.env.PORT+'/readyz'");
    expect(environment.HOST).toBe('0.0.0.0');
  });

  it('gets the same variables as in the native stack', () => {
    const native = Object.keys(nativeEnvironment(service)).sort();
    const composed = Object.keys(environment).sort();
    expect(composed).toEqual(native);
  });

  it("runs with the native stack's young generation size; only compose caps the old generation, for its memory limit", () => {
    const semiSpace = (options: unknown) => String(options).match(/--max-semi-space-size=\d+/)?.[0];
    expect(semiSpace(environment.NODE_OPTIONS)).toBe(semiSpace(nativeEnvironment(service).NODE_OPTIONS));
    expect(semiSpace(environment.NODE_OPTIONS)).toBeDefined();
  });
});

describe('compose and the native stack', () => {
  const INFRA_FILES = ['infra/jaeger/config.yaml', 'infra/postgres/postgresql.conf', 'infra/postgres/init.sql', 'infra/rabbitmq/rabbitmq.conf', 'infra/rabbitmq/enabled_plugins', 'infra/rabbitmq/provision.sh', 'infra/native/secrets.sh'];

  it('configure PostgreSQL, RabbitMQ and Jaeger, and make the secrets, from the same files', () => {
    const mounted = Object.values(project.services).flatMap((service) => (service.volumes ?? []).filter((v) => v.type === 'bind').map((v) => path.relative(repoRoot, path.resolve(repoRoot, v.source))));
    expect(mounted.sort()).toEqual([...INFRA_FILES].sort());
    const nativeScripts = ['jaeger.sh', 'postgres.sh', 'rabbitmq.sh', 'services.env.sh'].map((file) => readFileSync(path.join(repoRoot, 'infra/native', file), 'utf8')).join('\n');
    for (const file of INFRA_FILES) expect(nativeScripts, file).toContain(`$REPO_ROOT/${file}`);
  });

  it('mount every infrastructure file read-only', () => {
    const binds = Object.values(project.services).flatMap((service) => (service.volumes ?? []).filter((v) => v.type === 'bind'));
    for (const bind of binds) expect(bind.read_only, bind.source).toBe(true);
  });
});
