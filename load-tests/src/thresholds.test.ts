import { describe, expect, it } from 'vitest';
import { createRecorder } from './recorder';
import { evaluateThresholds } from './thresholds';

function recorderWith(durations: number[], failedCount = 0) {
  const recorder = createRecorder(0);
  durations.forEach((durationMs, index) => recorder.request({ name: 'place_order', atMs: index, durationMs, status: index < failedCount ? 503 : 202, failed: index < failedCount, traceId: 't' }));
  recorder.request({ name: 'get_order', atMs: 0, durationMs: 5_000, status: 200, failed: false, traceId: 't' });
  return recorder;
}

describe('evaluateThresholds', () => {
  it('judges a percentile of one request name only, as k6 does with {name:…}', () => {
    const durations = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100 ms
    const [p95] = evaluateThresholds({ 'http_req_duration{name:place_order}': ['p(95)<96'] }, recorderWith(durations));
    expect(p95).toMatchObject({ observed: 95, passed: true });
    const [strict] = evaluateThresholds({ 'http_req_duration{name:place_order}': ['p(95)<95'] }, recorderWith(durations));
    expect(strict?.passed).toBe(false);
  });

  it('judges a failure rate over every request', () => {
    const [rate] = evaluateThresholds({ http_req_failed: ['rate<0.05'] }, recorderWith(Array(19).fill(10), 1));
    expect(rate).toMatchObject({ observed: 0.05, passed: false });
  });

  it('fails a threshold on a metric that has no data: it proves nothing', () => {
    const [completion] = evaluateThresholds({ order_completion_ms: ['p(95)<1000'] }, createRecorder(0));
    expect(completion).toMatchObject({ passed: false });
    expect(Number.isNaN(completion!.observed)).toBe(true);
  });

  it('names what it cannot read', () => {
    expect(() => evaluateThresholds({ http_req_waiting: ['p(95)<1'] }, createRecorder(0))).toThrow(/unknown metric 'http_req_waiting'/);
    expect(() => evaluateThresholds({ http_req_failed: ['mostly<1'] }, createRecorder(0))).toThrow(/threshold 'mostly<1'/);
  });

  it('selects one check by its name, as k6 does with {check:…}', () => {
    const recorder = createRecorder(0);
    recorder.check({ name: 'order paid', atMs: 0, ok: false, traceId: 't' });
    recorder.check({ name: 'order accepted (202)', atMs: 0, ok: true, traceId: 't' });
    const [paid] = evaluateThresholds({ 'checks{check:order paid}': ['rate>0.99'] }, recorder);
    expect(paid).toMatchObject({ observed: 0, passed: false });
    expect(() => evaluateThresholds({ 'checks{name:order paid}': ['rate>0.99'] }, recorder)).toThrow(/checks are selected by \{check:…\}/);
  });
});
