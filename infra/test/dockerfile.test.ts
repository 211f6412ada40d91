import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runChecker } from './checkers';

const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');

describe('the services Dockerfile', () => {
  it("passes BuildKit's Dockerfile checks", () => {
    const result = runChecker('dockerfile-lint', ['-file', 'Dockerfile']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails the same checks when it breaks a rule', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dockerfile-'));
    const broken = dockerfile.replace('CMD ["node", "dist/main.js"]', 'CMD node dist/main.js');
    writeFileSync(path.join(dir, 'Dockerfile'), broken);
    const result = runChecker('dockerfile-lint', ['-file', path.join(dir, 'Dockerfile')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/JSONArgsRecommended/);
  });

  it('builds with the same script the build-path test runs', () => {
    expect(dockerfile).toMatch(/bash infra\/docker\/build-service\.sh "\$\{SERVICE\}" \/out/);
  });

  it('runs node directly, as an unprivileged user, so SIGTERM reaches it', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER 1000:1000$/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(runtime).not.toMatch(/^ENTRYPOINT/m);
  });
});
