import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServiceProcess } from '@tracebed/testkit';
import { repoRoot } from './checkers';

// Each bundle is about 90 MB: they go when the file is done, pass or fail.
const bundleParents: string[] = [];
function bundleDirectory(name: string): string {
  const parent = mkdtempSync(path.join(tmpdir(), `deploy-${name}-`));
  bundleParents.push(parent);
  return path.join(parent, 'app');
}
afterAll(() => {
  for (const parent of bundleParents) rmSync(parent, { recursive: true, force: true });
});

// What the Dockerfile does, outside Docker: the same build script, then the deployed folder
// started on its own. A missing production dependency, a wrong entry point or a dev-only
// import fails here.
describe.each(['gateway', 'orders', 'inventory', 'payments'])('the production bundle of %s', (service) => {
  it('builds with the Dockerfile script, becomes ready and stops cleanly on SIGTERM', async () => {
    const output = bundleDirectory(service);
    execFileSync('bash', [path.join(repoRoot, 'infra/docker/build-service.sh'), service, output], { stdio: 'pipe' });
    const instance = await startServiceProcess(service, {}, { appDirectory: output });
    if (service === 'gateway') {
      // The shop page is part of the gateway's bundle, not only of the development build.
      const page = await fetch(new URL('/', instance.url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>tracebed shop</title>');
    }
    instance.child.kill('SIGTERM');
    expect(await instance.exited, instance.stderr()).toBe(0);
  }, 120_000);
});

describe('the production bundle of the fault CLI', () => {
  it('builds with the Dockerfile script and lists the stack faults from its own folder', () => {
    const output = bundleDirectory('fault');
    execFileSync('bash', [path.join(repoRoot, 'infra/docker/build-service.sh'), 'fault', output], { stdio: 'pipe' });
    // As in its container: the token comes from the file the stack generated, named in the environment.
    const tokenFile = path.join(process.env.TRACEBED_STATE ?? path.join(repoRoot, '.tracebed'), 'secrets', 'fault-admin-token');
    const env = { ...process.env, FAULT_ADMIN_TOKEN: undefined, FAULT_ADMIN_TOKEN_FILE: tokenFile };
    const listing = execFileSync(process.execPath, ['dist/cli.js', 'list'], { cwd: output, encoding: 'utf8', env });
    expect(listing).toMatch(/^SERVICE\s+RULE/m);
    expect(listing).toMatch(/^payments\s/m);
  }, 120_000);
});

describe('the production bundle of the lab CLI', () => {
  it('builds with the Dockerfile script and lists the labs from its own folder', () => {
    const output = bundleDirectory('labs');
    execFileSync('bash', [path.join(repoRoot, 'infra/docker/build-service.sh'), 'labs', output], { stdio: 'pipe' });
    const listing = execFileSync(process.execPath, ['dist/cli.js', 'list'], { cwd: output, encoding: 'utf8' });
    expect(listing).toMatch(/^1 {2}your first trace/m);
    expect(listing).toMatch(/^6 {2}lost and duplicated messages/m);
  }, 120_000);
});
