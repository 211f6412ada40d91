import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const stateDir = () => process.env.TRACEBED_STATE ?? path.join(repoRoot, '.tracebed');
const pidFile = (service: string) => path.join(stateDir(), 'run', `${service}.pid`);

type Component = 'postgres' | 'rabbitmq' | 'jaeger';

/** Runs a stack script without blocking: the test's own requests keep flowing meanwhile. */
function run(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('bash', [path.join(repoRoot, 'infra/native', script), ...args], { cwd: repoRoot }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`infra/native/${script} ${args.join(' ')} failed (${error.code}):\n${stderr}`));
      else resolve();
    });
  });
}

/**
 * The native stack's components, controlled the way an operator would: for outage tests.
 * Only a native stack started from this checkout (pid files in its state folder) can be used.
 */
export const nativeStack = {
  isHere: () => existsSync(pidFile('gateway')),
  stop: (component: Component) => run(`${component}.sh`, ['stop']),
  start: (component: Component) => run(`${component}.sh`, ['start']),
  startServices: (...services: string[]) => run('services.sh', ['start', ...services]),
  stopServices: (...services: string[]) => run('services.sh', ['stop', ...services]),
  /** Sends a signal straight to a service process, as `kill -9` would. */
  signalService(service: string, signal: NodeJS.Signals): number {
    const pid = Number(readFileSync(pidFile(service), 'utf8').trim());
    process.kill(pid, signal);
    return pid;
  },
  /** Waits for a process to be gone (or a zombie, which is as good as gone). */
  async waitForExit(pid: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.split(' ')[2] === 'Z') return;
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`process ${pid} did not exit within ${timeoutMs} ms`);
  },
};
