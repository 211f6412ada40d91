import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { integrityLine, whyBroken, type IntegrityReport } from '@tracebed/testkit';
import type { LoadRun } from '../run-load';
import type { ExampleTrace } from './example-traces';
import type { Experiment } from './experiment-file';
import type { TimelineEvent } from './fault-timeline';
import type { Phase } from './phases';
import { perSecond } from './series';
import { lineChart } from './svg-chart';
import type { HypothesisLine } from './verdict';

export interface ExperimentResult {
  experiment: Experiment;
  startedAt: Date;
  run: LoadRun;
  phases: Phase[];
  lines: HypothesisLine[];
  timeline: TimelineEvent[];
  examples: ExampleTrace[];
  /** Every accepted order's trace, judged. */
  integrity: IntegrityReport;
  jaegerUiUrl: string;
}

const BROKEN_LISTED = 10;

/** Held in every phase; otherwise where it broke, and whether the shop came back afterwards. */
export function overallVerdict(result: ExperimentResult): string {
  const broken = [...new Set(result.lines.filter((line) => !line.held).map((line) => line.phase))];
  if (broken.length === 0) return 'HELD: the steady state held before, during and after the faults';
  const recovered = !broken.includes('after');
  return `REFUTED in ${broken.join(', ')}${recovered ? '; recovered after the faults were cleared' : '; not recovered after the faults were cleared'}`;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const traceLink = (result: ExperimentResult, traceId: string) => new URL(`/trace/${traceId}`, result.jaegerUiUrl).toString();

function integrityBroken(result: ExperimentResult): { markdown: string; html: string }[] {
  const listed = result.integrity.broken.slice(0, BROKEN_LISTED).map((verdict) => ({
    markdown: `[${verdict.traceId}](${traceLink(result, verdict.traceId)}) (order ${verdict.orderId}): ${whyBroken(verdict)}`,
    html: `<a href="${escape(traceLink(result, verdict.traceId))}">${verdict.traceId}</a> (order ${verdict.orderId}): ${escape(whyBroken(verdict))}`,
  }));
  const more = result.integrity.broken.length - listed.length;
  return more > 0 ? [...listed, { markdown: `…and ${more} more in result.json`, html: `…and ${more} more in result.json` }] : listed;
}

function markdown(result: ExperimentResult): string {
  const { experiment } = result;
  const rows = result.lines.map((line) => `| ${line.held ? '✔' : '✘'} | ${line.phase} | \`${line.line}\` | ${line.observed} |`);
  const faults = experiment.faults.map((step) => `- \`${step.rule}\` on ${step.service}, from ${step.at_s} s to ${step.clear_at_s} s`);
  const events = result.timeline.map((event) => `- t=${(event.atMs / 1000).toFixed(1)} s ${event.action} \`${event.rule}\` on ${event.service}${event.error ? `: FAILED (${event.error})` : ''}`);
  const examples = result.examples.map((example) => `- [${example.traceId}](${traceLink(result, example.traceId)}): ${example.why}; ${example.spans ? `${example.spans} spans, ${example.errors} with errors, ${example.services.join(', ')}` : 'not in Jaeger'}`);
  return [
    `# Experiment ${experiment.name}`,
    '',
    experiment.description,
    '',
    `**Verdict: ${overallVerdict(result)}.**`,
    '',
    `Started ${result.startedAt.toISOString()}; scenario \`${experiment.load.scenario}\` at ${experiment.load.rate} journeys/s for ${experiment.load.duration_s} s.`,
    '',
    '## Faults',
    ...faults,
    '',
    'As applied:',
    ...events,
    '',
    '## Steady-state hypothesis',
    '| | phase | line | observed |',
    '|---|---|---|---|',
    ...rows,
    '',
    '## What to expect',
    experiment.expect.trim(),
    '',
    '## Example traces',
    ...(examples.length ? examples : ['(none: nothing was slow or failed)']),
    '',
    '## Trace integrity',
    `${integrityLine(result.integrity)}.`,
    '',
    'One root, no orphans and no span naming another order, for every accepted order; orders placed before the first fault also share one shape per final status.',
    ...integrityBroken(result).map((line) => `- ${line.markdown}`),
    '',
    'Plots: `report.html` in this folder.',
    '',
  ].join('\n');
}

function html(result: ExperimentResult, summary: string): string {
  const { run, experiment } = result;
  const durationS = experiment.load.duration_s;
  const seconds = perSecond(run.recorder, durationS);
  const bands = experiment.faults.map((step) => ({ from: step.at_s, to: step.clear_at_s, label: `${step.rule} on ${step.service}` }));
  const charts = [
    lineChart({ title: 'Throughput', unit: 'per second', xMax: durationS, bands, series: [
      { label: 'requests', color: '#2457c5', points: seconds.map((s) => ({ x: s.second, y: s.requests })) },
      { label: 'orders placed', color: '#3f6212', points: seconds.map((s) => ({ x: s.second, y: s.ordersPlaced })) },
    ] }),
    lineChart({ title: 'Order placement latency', unit: 'ms', xMax: durationS, bands, series: [
      { label: 'p50', color: '#6b8f3a', points: seconds.map((s) => ({ x: s.second, y: s.p50 })) },
      { label: 'p95', color: '#2457c5', points: seconds.map((s) => ({ x: s.second, y: s.p95 })) },
      { label: 'p99', color: '#b3261e', points: seconds.map((s) => ({ x: s.second, y: s.p99 })) },
    ] }),
    lineChart({ title: 'Time to a final status, p95', unit: 'ms', xMax: durationS, bands, series: [{ label: 'placed → paid or failed', color: '#6b4300', points: seconds.map((s) => ({ x: s.second, y: s.completionP95 })) }] }),
    lineChart({ title: 'Failed requests', unit: 'per second', xMax: durationS, bands, series: [{ label: 'failed', color: '#b3261e', points: seconds.map((s) => ({ x: s.second, y: s.failed })) }] }),
  ];
  const rows = result.lines.map((line) => `<tr class="${line.held ? 'held' : 'broken'}"><td>${line.held ? '✔' : '✘'}</td><td>${line.phase}</td><td><code>${escape(line.line)}</code></td><td>${escape(line.observed)}</td></tr>`).join('');
  const examples = result.examples.map((example) => `<li><a href="${escape(traceLink(result, example.traceId))}">${example.traceId}</a>: ${escape(example.why)}${example.spans ? ` (${example.spans} spans, ${example.errors} with errors)` : ' (not in Jaeger)'}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Experiment ${escape(experiment.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:860px;margin:2rem auto;color:#1d2330}svg{width:100%;height:auto;margin:0.5rem 0 1rem}table{border-collapse:collapse}td,th{padding:0.2rem 0.6rem;border-bottom:1px solid #ddd;text-align:left}.broken td{color:#b3261e}.held td:first-child{color:#3f6212}pre{white-space:pre-wrap;background:#f4f6fa;padding:0.75rem}</style></head>
<body><h1>Experiment ${escape(experiment.name)}</h1><p>${escape(experiment.description)}</p><p><strong>${escape(overallVerdict(result))}</strong></p>
<p>Shaded: fault windows.</p>${charts.join('\n')}
<h2>Steady-state hypothesis</h2><table><thead><tr><th></th><th>phase</th><th>line</th><th>observed</th></tr></thead><tbody>${rows}</tbody></table>
<h2>What to expect</h2><p>${escape(experiment.expect.trim())}</p>
<h2>Example traces</h2><ul>${examples || '<li>none: nothing was slow or failed</li>'}</ul>
<h2>Trace integrity</h2><p>${escape(integrityLine(result.integrity))}</p><ul>${integrityBroken(result).map((line) => `<li>${line.html}</li>`).join('')}</ul>
<h2>Run summary</h2><p>The load scenario's own thresholds are in this summary; the verdict above comes from the hypothesis.</p><pre>${escape(summary)}</pre></body></html>`;
}

/** Writes reports/<name>-<time>/summary.md, report.html and result.json; answers the folder. */
export function writeReport(result: ExperimentResult, summary: string, reportsDir: string): string {
  const stamp = result.startedAt.toISOString().replace(/[:.]/g, '-');
  const folder = path.join(reportsDir, `${result.experiment.name}-${stamp}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'summary.md'), markdown(result));
  writeFileSync(path.join(folder, 'report.html'), html(result, summary));
  const json = { experiment: result.experiment, startedAt: result.startedAt, verdict: overallVerdict(result), lines: result.lines, timeline: result.timeline, examples: result.examples, integrity: { ...result.integrity, shapes: Object.fromEntries(result.integrity.shapes) }, seconds: perSecond(result.run.recorder, result.experiment.load.duration_s) };
  writeFileSync(path.join(folder, 'result.json'), `${JSON.stringify(json, null, 2)}\n`);
  return folder;
}
