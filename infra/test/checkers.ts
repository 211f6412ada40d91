import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

let checkersDir: string | undefined;

/** Path of a checker binary built by infra/checks/build.sh (cached after the first build). */
export function checker(name: 'compose-check' | 'dockerfile-lint'): string {
  checkersDir ??= execFileSync('bash', [path.join(repoRoot, 'infra/checks/build.sh')], { encoding: 'utf8' }).trim();
  return path.join(checkersDir, name);
}

export interface CheckResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runChecker(name: 'compose-check' | 'dockerfile-lint', args: string[]): CheckResult {
  const result = spawnSync(checker(name), args, { encoding: 'utf8', cwd: repoRoot });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Compose's view of a service, as compose-check -json prints it. */
export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  pull_policy?: string;
  environment?: Record<string, string | null>;
  ports?: { host_ip?: string; published?: string; target: number }[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  volumes?: { type: string; source: string; target: string; read_only?: boolean }[];
  deploy?: { resources?: { limits?: { memory?: string } } };
  profiles?: string[];
}

export interface ComposeProject {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

/**
 * The resolved compose project, exactly as `docker compose` would load it: by default what plain
 * `docker compose up` starts; `profiles` adds optional parts ('*' for all).
 */
export function loadComposeProject(profiles = '', file = 'docker-compose.yml'): ComposeProject {
  const result = runChecker('compose-check', ['-file', file, '-json', '-profiles', profiles]);
  if (result.status !== 0) throw new Error(`compose-check failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ComposeProject;
}
