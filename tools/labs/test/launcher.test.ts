import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settledOrder } from './lab-harness';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** bin/tracebed as a learner runs it from a fresh shell: no Node.js or pnpm on the PATH. */
function launcher(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { HOME: process.env.HOME ?? '/root', PATH: '/usr/local/bin:/usr/bin:/bin', ENGINE: 'native' };
  return new Promise((resolve) => {
    execFile(path.join(repoRoot, 'bin/tracebed'), args, { cwd: repoRoot, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('bin/tracebed on the native stack, from a shell without Node.js on its PATH', () => {
  it('lists the labs', async () => {
    const listed = await launcher(['lab', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^1 {2}your first trace/m);
  });

  it("prints an order's trace and the fault rules of every service", async () => {
    const orderId = await settledOrder();
    const shown = await launcher(['trace', '--order', orderId]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('order.place');
    const faults = await launcher(['fault', 'list']);
    expect(faults.code, faults.stderr).toBe(0);
    for (const service of ['gateway', 'orders', 'inventory', 'payments']) expect(faults.stdout).toContain(service);
  }, 60_000);

  it('says how to use it when the tool is unknown', async () => {
    const unknown = await launcher(['bake']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown tool bake');
  });
});
