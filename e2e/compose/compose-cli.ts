import { execFile } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** The compose project under test: infra/docker/run-tests.sh runs its own beside any other. */
export const project = process.env.COMPOSE_PROJECT_NAME ?? 'tracebed';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: repoRoot, timeout: timeoutMs, maxBuffer: 32 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `docker compose …` as infra/docker/compose.sh runs it: this engine, these images. */
export const compose = (args: string[], timeoutMs = 120_000) => run('bash', [path.join(repoRoot, 'infra/docker/compose.sh'), ...args], timeoutMs);

/** One of the `tools` profile's containers, run once and removed, as the README shows. */
export const runTool = (tool: string, args: string[], timeoutMs = 120_000) => compose(['--profile', 'tools', 'run', '--rm', tool, ...args], timeoutMs);

/** The docker CLI against the same engine (DOCKER_HOST comes from the run's environment). */
export const docker = (args: string[], timeoutMs = 30_000) => run(process.env.DOCKER_CLI ?? 'docker', args, timeoutMs);

/** The container of one compose service of the project under test. */
export async function containerOf(service: string): Promise<string> {
  const { stdout } = await docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', `label=com.docker.compose.service=${service}`]);
  const id = stdout.trim().split('\n')[0];
  if (!id) throw new Error(`no running container for ${service} in compose project ${project}`);
  return id;
}

/** bin/tracebed as a learner runs it, here through the compose door (the project under test). */
export const launcher = (args: string[], timeoutMs = 120_000) => run('bash', [path.join(repoRoot, 'bin/tracebed'), ...args], timeoutMs);
