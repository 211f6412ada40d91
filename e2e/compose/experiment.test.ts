import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runTool } from './compose-cli';

describe('a fault experiment in its tools container', () => {
  it('applies its fault over the compose network, judges each phase and writes its report to ./reports', async () => {
    const before = new Set(readdirSync(path.join(repoRoot, 'reports')));
    const ran = await runTool('experiment', ['quick-payments-latency'], 180_000);
    const output = ran.stdout + ran.stderr;

    // 300 ms more per charge breaks the completion line while the fault acts, and it recovers
    // after. (Before the fault the line may break too on a loaded machine: containers just up.)
    expect(output).toMatch(/✘ during order_completion_ms p\(95\)<300/);
    expect(output).toMatch(/✔ after {2}order_completion_ms p\(95\)<300/);
    expect(output).toMatch(/REFUTED in (before, )?during; recovered after the faults were cleared/);
    expect(ran.code, output).toBe(1);
    expect(output).toMatch(/apply payments\.charge=latency:300ms on payments/);
    expect(output).not.toContain('FAILED');
    // Latency adds time, not spans: every order's trace is whole.
    const integrity = /traces: traces whole (\d+) of (\d+), spans in a foreign trace (\d+), spans missing (\d+)/.exec(output);
    expect(integrity, output).not.toBeNull();
    const [, whole, all, foreign, missing] = integrity!.map(Number);
    expect({ whole, foreign, missing }).toEqual({ whole: all, foreign: 0, missing: 0 });
    expect(all).toBeGreaterThan(20);

    const written = readdirSync(path.join(repoRoot, 'reports')).filter((name) => !before.has(name) && name.startsWith('quick-payments-latency'));
    expect(written).toHaveLength(1);
    // The path printed is the one on this machine, not the container's mount.
    expect(output).toContain(`report: ${path.join('reports', written[0]!, 'report.html')}`);
    const summary = readFileSync(path.join(repoRoot, 'reports', written[0]!, 'summary.md'), 'utf8');
    expect(summary).toMatch(/\*\*Verdict: REFUTED in (before, )?during; recovered after the faults were cleared\.\*\*/);
  }, 200_000);
});
