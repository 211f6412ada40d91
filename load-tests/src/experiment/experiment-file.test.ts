import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS_DIR, loadExperiment } from './experiment-file';
import { phasesOf } from './phases';

function experimentFile(faults: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'experiment-')), 'x.yaml');
  writeFileSync(
    file,
    `name: x\ndescription: d\nexpect: e\nhypothesis:\n  thresholds: { http_req_failed: ["rate<0.01"] }\n  orders_final_within_s: 30\nload: { scenario: load, rate: 1, duration_s: 60 }\nfaults:\n${faults}`,
  );
  return file;
}

describe('experiment files', () => {
  it('loads every shipped experiment', () => {
    const names = readdirSync(EXPERIMENTS_DIR).filter((file) => file.endsWith('.yaml'));
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const file of names) expect(loadExperiment(file.replace(/\.yaml$/, '')).name).toBe(file.replace(/\.yaml$/, ''));
  });

  it('refuses faults on one service that overlap in time', () => {
    const file = experimentFile('  - { service: payments, rule: payments.charge=error, at_s: 10, clear_at_s: 30 }\n  - { service: payments, rule: payments.consume=drop, at_s: 20, clear_at_s: 40 }\n');
    expect(() => loadExperiment(file)).toThrow(/faults on payments overlap/);
  });

  it('refuses a fault cleared after the load has ended, or before it starts', () => {
    expect(() => loadExperiment(experimentFile('  - { service: orders, rule: orders.db=db-error, at_s: 10, clear_at_s: 70 }\n'))).toThrow(/cleared after the load ends/);
    expect(() => loadExperiment(experimentFile('  - { service: orders, rule: orders.db=db-error, at_s: 10, clear_at_s: 5 }\n'))).toThrow(/clear_at_s must come after at_s/);
  });

  it('cuts a run into before, during and after the faults', () => {
    const phases = phasesOf(loadExperiment('message-loss-and-duplicates').faults, 130);
    expect(phases).toEqual([
      { name: 'before', fromMs: 0, toMs: 20_000 },
      { name: 'during', fromMs: 20_000, toMs: 90_000 },
      { name: 'after', fromMs: 90_000, toMs: 130_000 },
    ]);
  });
});
