import { afterAll, describe, expect, it } from 'vitest';
import { buildWaterfall, type Trace } from '@tracebed/trace-reading';
import { searchTraces } from '../src/jaeger-search';
import { check, endpoints, lab, labContext, open } from './lab-harness';

const duration = (trace: Trace) => Math.max(...trace.spans.map((s) => s.startTimeUs + s.durationUs)) - Math.min(...trace.spans.map((s) => s.startTimeUs));

afterAll(async () => {
  await lab(8).reset!(labContext);
  delete process.env.LAB_8_STRETCH_S;
});

describe('lab 8: from symptom to cause', () => {
  it('runs steady orders with a slow stretch, and the check passes on what the slowest trace shows', async () => {
    process.env.LAB_8_STRETCH_S = '8';
    const startUs = Date.now() * 1000;
    const said = await lab(8).start!(labContext);
    expect(said).toMatch(/orders accepted/);
    const endUs = Date.now() * 1000;

    // What a learner does: the slowest order of the scene against the fastest, then the span
    // of the slow one that holds the most time by itself.
    const traces = (await searchTraces(endpoints.jaegerUrl, { service: 'gateway', startUs, endUs, limit: 200 })).filter((trace) => trace.spans.some((s) => s.name === 'stock.commit'));
    expect(traces.length).toBeGreaterThan(40);
    const [slowest] = [...traces].sort((a, b) => duration(b) - duration(a));
    const [culprit] = buildWaterfall(slowest!)
      // Per traced span, as the page asks: a `process …` span also holds its untraced ledger's delay.
      .rows.filter((row) => row.span.service !== 'gateway' && !row.span.name.startsWith('process '))
      .sort((a, b) => b.selfTimeUs - a.selfTimeUs);
    const answers = { service: culprit!.span.service, span: culprit!.span.name, extra: String(Math.round(culprit!.selfTimeUs / 1000)), slow: slowest!.traceId };

    const passed = await check(8, answers);
    expect(open(passed), JSON.stringify(answers)).toEqual([]);
    expect(passed.at(-1)?.text).toMatch(/^Why: /);

    const fastest = [...traces].sort((a, b) => duration(a) - duration(b))[0]!;
    expect(open(await check(8, { ...answers, span: 'stock.commit', extra: '5', slow: fastest.traceId }))).toEqual([
      'Which span holds the extra time? stock.commit is not it.',
      'By how much? 5 is not it.',
      `trace ${fastest.traceId} was not slowed by it`,
    ]);
  }, 120_000);
});
