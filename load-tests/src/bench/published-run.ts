import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResult } from './bench-result';
import { fourServicesMb } from './targets';
import { SERVICES } from './process-stats';

/** The run the README's figures come from, committed beside the code. */
export const PUBLISHED_RUN = path.resolve(__dirname, '..', '..', 'bench', 'published.json');

export function readPublishedRun(file = PUBLISHED_RUN): BenchResult | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult) : undefined;
}

interface Headline {
  name: string;
  unit: string;
  of: (result: BenchResult) => number | undefined;
}

const HEADLINES: Headline[] = [
  { name: 'place order p95 traced', unit: 'ms', of: (r) => r.traced.common.placeOrderMs.p95 },
  { name: `place order p95 traced at the fixed rate`, unit: 'ms', of: (r) => r.traced.fixed.placeOrderMs.p95 },
  { name: 'CPU s per 1000 orders untraced', unit: '', of: (r) => r.untraced.common.cpuSecondsPer1000Orders },
  { name: 'CPU s per 1000 orders traced', unit: '', of: (r) => r.traced.common.cpuSecondsPer1000Orders },
  { name: 'highest sustained untraced', unit: '/s', of: (r) => r.untraced.search.bracket.sustained },
  { name: 'highest sustained traced', unit: '/s', of: (r) => r.traced.search.bracket.sustained },
  { name: 'idle RSS four services traced', unit: 'MB', of: (r) => fourServicesMb(r.traced.idleRssMb) },
  { name: 'RSS four services traced at the fixed rate', unit: 'MB', of: (r) => fourServicesMb(r.traced.fixed.rssMb) },
  { name: 'ready together traced, slowest', unit: 'ms', of: (r) => Math.max(...SERVICES.map((s) => r.traced.readyTogetherMs[s])) },
  { name: 'ready alone traced, slowest', unit: 'ms', of: (r) => Math.max(...SERVICES.map((s) => r.traced.readyAloneMs[s])) },
  { name: 'Jaeger RSS highest', unit: 'MB', of: (r) => r.jaeger.peakRssMb },
];

const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(+n.toFixed(1))}`;

/** One line naming the published run, then `figure: published → now (±delta)` for each headline figure. */
export function comparedWithPublished(current: BenchResult, published: BenchResult | undefined): string {
  if (!published) return `no published run to compare with (${path.relative(process.cwd(), PUBLISHED_RUN)})`;
  const head = `against the published run (${published.commit ?? 'unknown commit'}, ${published.startedAt.slice(0, 10)}, ${published.rate}/s for ${published.durationS} s${published.rate === current.rate && published.durationS === current.durationS ? '' : `; this run: ${current.rate}/s for ${current.durationS} s`}):`;
  const lines = HEADLINES.map((headline) => {
    const [before, now] = [headline.of(published), headline.of(current)];
    if (before === undefined || now === undefined) return `  ${headline.name}: ${before ?? '-'} → ${now ?? '-'}`;
    const unit = headline.unit.startsWith('/') || !headline.unit ? headline.unit : ` ${headline.unit}`;
    return `  ${headline.name}: ${before} → ${now}${unit} (${signed(now - before)})`;
  });
  return [head, ...lines].join('\n');
}
