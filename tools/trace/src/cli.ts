#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { renderComparison, comparisonJson } from './comparison-table';
import { compareTraces, fetchBoth } from './compare-traces';
import { jaegerDuration, parseDurationUs } from './durations';
import { findTraces, parseTagFilters } from './find-traces';
import { DEFAULT_SEARCH_MAX_BYTES } from '@tracebed/trace-reading';
import { defaultLogDir, traceLogs } from './log-sources';
import { redSummary } from './red-summary';
import { resolveTraceId, showTrace, traceIdArgument } from './show-trace';
import { UsageError } from './usage-error';

const USAGE = `Usage: pnpm trace <traceId> | --last | --order <orderId>  [--span <name|spanId>] [--json]
       pnpm trace --compare <traceA> <traceB> [--json]
       pnpm trace --find --service <name> [--operation <name>] [--tag key=value]... [--min-duration 200ms]
                  [--max-duration 2s] [--since 1h] [--limit 20] [--json]
       pnpm trace --red --service <name> [--operation <name>] [--since 10m] [--step 1m] [--limit 1500] [--json]
       pnpm trace --logs <traceId> [--log-dir <dir> | --log-file <file>|-] [--json]

Prints a trace from Jaeger as a waterfall: services, span names, start offsets, durations,
self times, * the critical path, ! errors.
  --last           the newest trace that started at the gateway
  --order <id>     the trace that placed this order (asks the gateway)
  --span <s>       one span in full instead (every span of that name): kind, status, self time,
                   time on the critical path, attributes, events, links
  --json           machine-readable output, every span with its details (in every mode)
--compare: a good trace (A) beside a bad one (B) of the same request: spans paired by service, name
  and position, the ones whose duration or self time changed most, spans found in one trace only,
  and which span's own time made the difference.
--find: Jaeger's search, one line per trace, newest first: id, start (UTC), duration, spans, errors,
  root span. --min-duration/--max-duration: the trace has a span of the service (or operation) at
  least/at most that long; --tag: a span tag, repeatable; --since: how far back (default 1h).
--red: rate, errors and duration (p50, p95) of the service's server and consumer spans (or the
  operation's), per step (default 1m) over --since (default 10m), from the traces Jaeger finds.
--logs: the JSON log lines of a trace (trace_id), oldest first, from every *.log in --log-dir
  (default: $TRACEBED_LOG_DIR, else .tracebed/logs here), from one --log-file, or from stdin with
  --log-file - (e.g. docker compose logs --no-log-prefix | pnpm trace --logs <traceId> --log-file -).
Environment: JAEGER_URL (default http://127.0.0.1:16686), GATEWAY_URL (default http://127.0.0.1:8080)`;

const OPTIONS = {
  last: { type: 'boolean' },
  order: { type: 'string' },
  span: { type: 'string' },
  json: { type: 'boolean' },
  compare: { type: 'boolean' },
  find: { type: 'boolean' },
  red: { type: 'boolean' },
  logs: { type: 'boolean' },
  service: { type: 'string' },
  operation: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'min-duration': { type: 'string' },
  'max-duration': { type: 'string' },
  since: { type: 'string' },
  step: { type: 'string' },
  limit: { type: 'string' },
  'log-dir': { type: 'string' },
  'log-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function limitOf(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--limit '${text}' is not a positive whole number`);
  return Number(text);
}

function serviceOf(values: Values): string {
  if (!values.service) throw new UsageError('--find and --red need --service <name>');
  return values.service;
}

/** What to print for the mode the options ask for; errors are thrown. */
async function run(values: Values, positionals: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const jaegerUrl = env.JAEGER_URL ?? 'http://127.0.0.1:16686';
  const modes = (['compare', 'find', 'red', 'logs'] as const).filter((mode) => values[mode]);
  if (modes.length > 1) throw new UsageError(`choose one of --${modes.join(', --')}`);
  if (values.compare) {
    const ids: [string, string] = [traceIdArgument(positionals[0], 'two trace ids: A (good) then B (bad)'), traceIdArgument(positionals[1], 'two trace ids: A (good) then B (bad)')];
    const comparison = compareTraces(...(await fetchBoth(jaegerUrl, ids, DEFAULT_SEARCH_MAX_BYTES)));
    return values.json ? JSON.stringify(comparisonJson(comparison), null, 2) : renderComparison(comparison);
  }
  if (values.find) {
    const endUs = Date.now() * 1_000;
    const min = values['min-duration'] === undefined ? undefined : jaegerDuration(values['min-duration'], '--min-duration');
    const max = values['max-duration'] === undefined ? undefined : jaegerDuration(values['max-duration'], '--max-duration');
    const search = { service: serviceOf(values), operation: values.operation, tags: parseTagFilters(values.tag ?? []), minDuration: min, maxDuration: max, startUs: endUs - parseDurationUs(values.since ?? '1h', '--since'), endUs, limit: limitOf(values.limit, 20) };
    return findTraces(jaegerUrl, search, { json: values.json });
  }
  if (values.red) {
    const options = { sinceUs: parseDurationUs(values.since ?? '10m', '--since'), stepUs: parseDurationUs(values.step ?? '1m', '--step'), limit: limitOf(values.limit, 1500), json: values.json };
    if (options.sinceUs / options.stepUs > 1_000) throw new UsageError('--since over --step makes more than 1000 steps: take a longer --step');
    return redSummary(jaegerUrl, { service: serviceOf(values), operation: values.operation }, options);
  }
  if (values.logs) {
    const traceId = traceIdArgument(positionals[0], 'the trace id whose log lines you want');
    if (values['log-dir'] && values['log-file']) throw new UsageError('choose --log-dir or --log-file, not both');
    const source = values['log-file'] ? { file: values['log-file'] } : { dir: values['log-dir'] ?? defaultLogDir(env, process.cwd()) };
    return traceLogs(source, traceId, { json: values.json });
  }
  const urls = { jaegerUrl, gatewayUrl: env.GATEWAY_URL ?? 'http://127.0.0.1:8080' };
  return showTrace(jaegerUrl, await resolveTraceId(positionals[0], values, urls), { span: values.span, json: values.json, color: process.stdout.isTTY });
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  console.log(await run(values, positionals, process.env));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`trace: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(USAGE);
      process.exitCode = 2;
    } else {
      process.exitCode = 1;
    }
  },
);
