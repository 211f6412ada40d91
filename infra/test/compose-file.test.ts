import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadComposeProject, repoRoot, runChecker } from './checkers';

const NODE_SERVICES = ['gateway', 'orders', 'inventory', 'payments'];
/** Containers that run once before the others and exit; everything else runs for good. */
const ONE_SHOT = ['secrets'];
const TOKEN_FILE = '/run/tracebed/secrets/fault-admin-token';
const project = loadComposeProject();
const buildScript = readFileSync(path.join(repoRoot, 'infra/docker/build-service.sh'), 'utf8');
const services = Object.entries(project.services);
const longRunning = services.filter(([name]) => !ONE_SHOT.includes(name));

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification, as docker compose loads it', () => {
    const result = runChecker('compose-check', ['-file', 'docker-compose.yml']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/valid \(13 services, 3 volumes\)/);
  });

  it('is refused by the same check when it breaks the specification', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compose-'));
    copyFileSync(path.join(repoRoot, '.env'), path.join(dir, '.env'));
    const broken = readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8').replace('restart: unless-stopped', 'restrat: unless-stopped');
    writeFileSync(path.join(dir, 'docker-compose.yml'), broken);
    const result = runChecker('compose-check', ['-file', path.join(dir, 'docker-compose.yml')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/restrat/);
  });

  it('runs the four services, PostgreSQL, RabbitMQ and Jaeger by default, after the secrets are made', () => {
    expect(Object.keys(project.services).sort()).toEqual(['gateway', 'inventory', 'jaeger', 'orders', 'payments', 'postgres', 'rabbitmq', 'secrets']);
  });

  it.each([
    ['fault', 'fault'],
    ['lab', 'labs'],
  ])("keeps the %s CLI in the tools profile, pointed at the services' admin APIs on the compose network", (name, build) => {
    const tools = loadComposeProject('tools');
    const cli = tools.services[name];
    expect(cli?.profiles).toEqual(['tools']);
    expect(cli?.build?.args?.SERVICE).toBe(build);
    for (const service of NODE_SERVICES) {
      const url = new URL(String(cli?.environment?.[`${service.toUpperCase()}_ADMIN_URL`]));
      expect(url.hostname, service).toBe(service);
      expect(Number(url.port), service).toBe(Number(project.services[service]?.environment?.ADMIN_PORT));
    }
    expect(cli?.environment?.FAULT_ADMIN_TOKEN_FILE).toBe(TOKEN_FILE);
    expect(cli?.volumes?.find((volume) => volume.target === path.dirname(TOKEN_FILE))).toMatchObject({ type: 'volume', source: 'secrets', read_only: true });
  });

  it('reads the admin token from the generated secrets volume, and sets none anywhere', () => {
    const composeText = readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
    const envText = readFileSync(path.join(repoRoot, '.env'), 'utf8');
    expect(`${composeText}\n${envText}`).not.toMatch(/FAULT_ADMIN_TOKEN\s*[:=]/);
    for (const name of NODE_SERVICES) {
      const service = project.services[name];
      expect(service?.environment?.FAULT_ADMIN_TOKEN_FILE, name).toBe(TOKEN_FILE);
      expect(service?.volumes?.find((volume) => volume.target === path.dirname(TOKEN_FILE)), name).toMatchObject({ type: 'volume', source: 'secrets', read_only: true });
      expect(service?.depends_on?.secrets?.condition, name).toBe('service_completed_successfully');
    }
    const secrets = project.services.secrets;
    expect(secrets?.volumes?.find((volume) => volume.target === '/secrets')).toMatchObject({ type: 'volume', source: 'secrets' });
    const script = secrets?.volumes?.find((volume) => volume.type === 'bind')?.source ?? '';
    expect(path.resolve(repoRoot, script)).toBe(path.join(repoRoot, 'infra/native/secrets.sh'));
  });

  it('keeps each admin API on a port of its own, on the compose network only, and names the hosts the services answer for', () => {
    const ports = NODE_SERVICES.map((name) => Number(project.services[name]?.environment?.ADMIN_PORT));
    expect(ports).toEqual([9080, 9081, 9082, 9083]);
    for (const name of NODE_SERVICES) {
      const environment = project.services[name]?.environment ?? {};
      expect(environment.ADMIN_PORT, name).not.toBe(environment.PORT);
      expect(String(environment.ALLOWED_HOSTS).split(','), name).toEqual(NODE_SERVICES);
    }
  });

  it('lets the lab CLI read traces from Jaeger on the compose network', () => {
    const lab = loadComposeProject('tools').services.lab;
    expect(new URL(String(lab?.environment?.JAEGER_URL)).hostname).toBe('jaeger');
  });

  it('gives every long-running container a healthcheck and a restart policy', () => {
    expect(project.services.secrets?.restart).toBe('no');
    for (const [name, service] of longRunning) {
      expect(service.healthcheck?.test, name).toBeDefined();
      expect(service.restart, name).toBe('unless-stopped');
    }
  });

  it('starts each service only once what it depends on is healthy', () => {
    for (const [name, service] of services) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} → ${dependency}`).toBe(ONE_SHOT.includes(dependency) ? 'service_completed_successfully' : 'service_healthy');
      }
    }
    expect(Object.keys(project.services.orders?.depends_on ?? {}).sort()).toEqual(['inventory', 'jaeger', 'postgres', 'rabbitmq', 'secrets']);
  });

  it('publishes only 8080, 16686 and 15672, and only on 127.0.0.1', () => {
    const published = services.flatMap(([name, service]) => (service.ports ?? []).map((port) => `${name} ${port.host_ip}:${port.published}->${port.target}`));
    expect(published.sort()).toEqual(['gateway 127.0.0.1:8080->8080', 'jaeger 127.0.0.1:16686->16686', 'rabbitmq 127.0.0.1:15672->15672']);
  });

  it('pins every image by a version tag', () => {
    const images = services.filter(([name]) => !NODE_SERVICES.includes(name)).map(([, service]) => service.image ?? '');
    for (const image of images) expect(image).toMatch(/:[0-9][\w.-]*$/);
    const nodeImage = project.services.gateway?.build?.args?.NODE_IMAGE ?? '';
    expect(nodeImage).toMatch(/^node:24\.\d+\.\d+-[a-z]+-slim$/);
  });

  it('keeps data in named volumes', () => {
    expect(Object.keys(project.volumes).sort()).toEqual(['postgres-data', 'rabbitmq-data', 'secrets']);
    const volumeOf = (service: string, target: string) => project.services[service]?.volumes?.find((volume) => volume.target === target);
    expect(volumeOf('postgres', '/var/lib/postgresql/data')).toMatchObject({ type: 'volume', source: 'postgres-data' });
    expect(volumeOf('rabbitmq', '/var/lib/rabbitmq')).toMatchObject({ type: 'volume', source: 'rabbitmq-data' });
  });

  it('fits the default stack in 1.8 GiB of memory limits', () => {
    const limits = services.map(([name, service]) => [name, Number(service.deploy?.resources?.limits?.memory)] as const);
    for (const [name, bytes] of limits) expect(bytes, name).toBeGreaterThan(0);
    const total = limits.reduce((sum, [, bytes]) => sum + bytes, 0);
    expect(total).toBeLessThanOrEqual(1.8 * 1024 ** 3);
  });

  it("builds the project's images here and never pulls them, even if a registry has the name", () => {
    const built = Object.entries(loadComposeProject('*').services).filter(([, service]) => service.build);
    expect(built.map(([name]) => name).sort()).toEqual(['experiment', 'fault', 'gateway', 'inventory', 'lab', 'orders', 'payments', 'trace']);
    for (const [name, service] of built) {
      expect(service.image, name).toMatch(/^tracebed\/[a-z-]+:local$/);
      // The services are built on every up; a tool is built when missing (and by make up), so
      // that `run` prints only the tool's own output.
      expect(service.pull_policy, name).toBe(service.profiles?.includes('tools') ? 'never' : 'build');
    }
  });

  it('has make up build what changed, the tools included, before it starts the containers', () => {
    const up = /^up\(\) \{\n([\s\S]*?)\n\}/m.exec(readFileSync(path.join(repoRoot, 'infra/docker/stack.sh'), 'utf8'))?.[1] ?? '';
    expect(up).toMatch(/compose --profile tools build[\s\S]*compose up -d --wait/);
  });

  it("holds Jaeger's Go heap under its container limit, with a bounded store", () => {
    const jaeger = project.services.jaeger!;
    const limit = Number(jaeger.deploy?.resources?.limits?.memory);
    const heap = /^(\d+)MiB$/.exec(String(jaeger.environment?.GOMEMLIMIT));
    expect(heap).not.toBeNull();
    expect(Number(heap![1]) * 1024 ** 2).toBeLessThanOrEqual(0.8 * limit);
    expect(Number(jaeger.environment?.JAEGER_MAX_TRACES)).toBeGreaterThan(0);
    expect(Number(jaeger.environment?.JAEGER_MAX_TRACES)).toBeLessThanOrEqual(4000);
  });

  it('builds each tool of the tools profile from its folder in tools/, the experiment runner from load-tests', () => {
    const tools = Object.entries(loadComposeProject('tools').services).filter(([, service]) => service.profiles?.includes('tools'));
    expect(tools.map(([name]) => name).sort()).toEqual(['experiment', 'fault', 'lab', 'trace']);
    for (const [name, service] of tools) {
      const tool = String(service.build?.args?.SERVICE);
      const folder = tool === 'experiment' ? 'load-tests' : path.join('tools', tool);
      expect(existsSync(path.join(repoRoot, folder, 'package.json')), name).toBe(true);
      expect(buildScript, name).toMatch(new RegExp(`^ +[^)]*\\b${tool}\\b[^)]*\\) package="(tools/\\$service|${folder})"`, 'm'));
    }
  });

  it('builds each node service from the one Dockerfile with its own SERVICE argument', () => {
    for (const name of NODE_SERVICES) {
      expect(project.services[name]?.build, name).toMatchObject({ context: '.', dockerfile: 'Dockerfile', args: { SERVICE: name } });
    }
  });
});
