import { percentile, type Samples } from './recorder';

/** A threshold as k6 writes it: `http_req_duration{name:place_order}` with `p(95)<300`. */
export interface ThresholdResult {
  metric: string;
  expression: string;
  observed: number;
  passed: boolean;
}

// Tags as k6 writes them: {name:place_order} on the HTTP metrics, {check:order paid} on checks.
const METRIC = /^(?<metric>[a-z_]+)(?:\{(?<tag>name|check):(?<name>[^}]+)\})?$/;
const EXPRESSION = /^(?<aggregate>p\((?<p>\d+(?:\.\d+)?)\)|avg|min|max|med|rate|count)\s*(?<op><=|>=|==|<|>|!=)\s*(?<value>-?\d+(?:\.\d+)?)$/;

/** The values of one metric, as k6 would have them. */
function valuesOf(recorder: Samples, metric: string, name: string | undefined): { values: number[]; kind: 'trend' | 'rate' } {
  const requests = recorder.requests.filter((request) => name === undefined || request.name === name);
  switch (metric) {
    case 'http_req_duration':
      return { values: requests.map((request) => request.durationMs), kind: 'trend' };
    case 'http_req_failed':
      return { values: requests.map((request) => (request.failed ? 1 : 0)), kind: 'rate' };
    case 'checks':
      return { values: recorder.checks.filter((check) => name === undefined || check.name === name).map((check) => (check.ok ? 1 : 0)), kind: 'rate' };
    case 'order_completion_ms':
      return { values: recorder.journeys.flatMap((journey) => (journey.completionMs === undefined ? [] : [journey.completionMs])), kind: 'trend' };
    default:
      throw new Error(`unknown metric '${metric}' (known: http_req_duration, http_req_failed, checks, order_completion_ms)`);
  }
}

function aggregate(values: number[], kind: 'trend' | 'rate', name: string, p: string | undefined): number {
  if (name === 'count') return values.length;
  if (name === 'rate') {
    if (kind !== 'rate') throw new Error('rate applies to http_req_failed and checks');
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
  }
  if (values.length === 0) return NaN;
  if (p !== undefined) return percentile(values, Number(p));
  if (name === 'avg') return values.reduce((a, b) => a + b, 0) / values.length;
  if (name === 'min') return Math.min(...values);
  if (name === 'max') return Math.max(...values);
  return percentile(values, 50);
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

export function evaluateThresholds(thresholds: Record<string, string[]>, recorder: Samples): ThresholdResult[] {
  return Object.entries(thresholds).flatMap(([metricText, expressions]) => {
    const metric = METRIC.exec(metricText)?.groups;
    if (!metric) throw new Error(`threshold metric '${metricText}' is not of the form metric, metric{name:…} or checks{check:…}`);
    if ((metric.tag === 'check') !== (metric.metric === 'checks' && metric.tag !== undefined)) throw new Error(`'${metricText}': checks are selected by {check:…}, requests by {name:…}`);
    const { values, kind } = valuesOf(recorder, metric.metric!, metric.name);
    return expressions.map((expression) => {
      const parts = EXPRESSION.exec(expression.trim())?.groups;
      if (!parts) throw new Error(`threshold '${expression}' is not of the form p(95)<300, avg<…, rate<0.01`);
      const observed = aggregate(values, kind, parts.aggregate!.startsWith('p(') ? 'p' : parts.aggregate!, parts.p);
      // No data is a failure: a threshold on a metric that never happened proves nothing.
      const passed = !Number.isNaN(observed) && COMPARE[parts.op!]!(observed, Number(parts.value));
      return { metric: metricText, expression, observed, passed };
    });
  });
}
