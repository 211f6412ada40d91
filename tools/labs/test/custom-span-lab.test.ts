import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeStack, startServiceProcess } from '@tracebed/testkit';
import { check, open, settledOrder } from './lab-harness';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const SOLUTION = 'docs/workshop/solutions/05-card-authorize.patch';
const external = process.env.TRACEBED_EXTERNAL_STACK === '1';

/**
 * payments with the lab's solution applied, built beside the checkout: a copy of the service
 * two folders deep (so its tsconfig still finds the repo's base config and shared packages),
 * using the service's own node_modules.
 */
function buildSolvedPayments(): string {
  const copy = path.join(repoRoot, '.tracebed', 'lab5-payments');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  const service = path.join(repoRoot, 'services', 'payments');
  for (const part of ['src', 'migrations', 'package.json', 'tsconfig.json']) cpSync(path.join(service, part), path.join(copy, part), { recursive: true });
  symlinkSync(path.join(service, 'node_modules'), path.join(copy, 'node_modules'));
  execFileSync('git', ['apply', '-p3', `--directory=${path.relative(repoRoot, copy)}`, SOLUTION], { cwd: repoRoot, stdio: 'pipe' });
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', copy], { cwd: repoRoot, stdio: 'pipe' });
  return copy;
}

describe('lab 5: add a span of your own', () => {
  it("does not pass on the shop as it is: payments has no card.authorize span", async () => {
    const orderId = await settledOrder();
    expect(open(await check(5, { order: orderId }))[0]).toMatch(/^no card\.authorize span in payments/);
  });

  it('the solution still applies to the code as it is now', () => {
    execFileSync('git', ['apply', '--check', SOLUTION], { cwd: repoRoot, stdio: 'pipe' });
  });

  // The solved state needs payments replaced, which only a native stack of this checkout allows.
  it.skipIf(external)('passes once payments runs with the solution', async () => {
    const solved = buildSolvedPayments();
    await nativeStack.waitForExit(nativeStack.signalService('payments', 'SIGTERM'));
    const patched = await startServiceProcess('payments', {}, { appDirectory: solved });
    try {
      const paid = await settledOrder();
      const declined = await settledOrder({ card: '4000 0000 0000 0002' });
      expect(open(await check(5, { order: paid }))).toEqual([]);
      expect(open(await check(5, { order: declined }))).toEqual([]);
    } finally {
      patched.child.kill('SIGTERM');
      await patched.exited;
      await nativeStack.startServices('payments');
    }
  }, 120_000);
});
