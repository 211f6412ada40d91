#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { fetchTrace, recentTraceIds } from './jaeger-trace';
import { renderWaterfall } from './render';
import { renderSpanDetails, rowsMatching } from './span-details';
import { buildWaterfall, type Waterfall } from './waterfall';
import { waterfallJson } from './waterfall-json';

const USAGE = `Usage: pnpm trace <traceId> | --last | --order <orderId>  [--span <name|spanId>] [--json]

Prints a trace from Jaeger as a waterfall: services, span names, start offsets, durations,
self times, * the critical path, ! errors.
  --last           the newest trace that started at the gateway
  --order <id>     the trace that placed this order (asks the gateway)
  --span <s>       one span in full instead (every span of that name): kind, status, self time,
                   time on the critical path, attributes, events, links
  --json           machine-readable output, every span with its details
Environment: JAEGER_URL (default http://127.0.0.1:16686), GATEWAY_URL (default http://127.0.0.1:8080)`;

class UsageError extends Error {}

async function resolveTraceId(positional: string | undefined, values: { last?: boolean; order?: string }, env: NodeJS.ProcessEnv): Promise<string> {
  const jaegerUrl = env.JAEGER_URL ?? 'http://127.0.0.1:16686';
  if (values.last) {
    const [newest] = await recentTraceIds(jaegerUrl, 'gateway', 20);
    if (!newest) throw new Error(`Jaeger at ${jaegerUrl} has no gateway trace from the last hour`);
    return newest;
  }
  if (values.order) {
    const gatewayUrl = env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
    const response = await fetch(new URL(`/api/orders/${encodeURIComponent(values.order)}`, gatewayUrl));
    const body = (await response.json()) as { traceId?: string; error?: { message: string } };
    if (!response.ok || !body.traceId) throw new Error(`order ${values.order}: ${body.error?.message ?? `the gateway answered ${response.status}`}`);
    return body.traceId;
  }
  if (!positional) throw new UsageError('give a trace id, --last or --order <id>');
  if (!/^[0-9a-f]{32}$/i.test(positional)) throw new UsageError(`'${positional}' is not a trace id (32 hex digits)`);
  return positional.toLowerCase();
}

/** The text or JSON to print, or undefined when `--span` matches nothing. */
function output(waterfall: Waterfall, options: { span?: string; json?: boolean; color: boolean }): string | undefined {
  const rows = options.span === undefined ? waterfall.rows : rowsMatching(waterfall, options.span);
  if (rows.length === 0) return undefined;
  if (options.json) {
    const json = waterfallJson(waterfall);
    const wanted = new Set(rows.map((row) => row.span.spanId));
    return JSON.stringify({ ...json, spans: json.spans.filter((span) => wanted.has(span.spanId)) }, null, 2);
  }
  if (options.span === undefined) return renderWaterfall(waterfall, { color: options.color });
  const heading = rows.length > 1 ? [`${rows.length} spans match '${options.span}':`, ''] : [];
  return [...heading, rows.map((row) => renderSpanDetails(waterfall, row)).join('\n\n')].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { last: { type: 'boolean' }, order: { type: 'string' }, span: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const traceId = await resolveTraceId(positionals[0], values, process.env);
  const jaegerUrl = process.env.JAEGER_URL ?? 'http://127.0.0.1:16686';
  const trace = await fetchTrace(jaegerUrl, traceId);
  if (!trace || trace.spans.length === 0) {
    console.error(`trace ${traceId} is not in Jaeger at ${jaegerUrl}: spans take about a second to arrive; an old trace may have been evicted from memory`);
    return 1;
  }
  const waterfall = buildWaterfall(trace);
  const text = output(waterfall, { span: values.span, json: values.json, color: process.stdout.isTTY });
  if (text === undefined) {
    const names = [...new Set(waterfall.rows.map((row) => row.span.name))].sort();
    console.error(`trace ${traceId} has no span named or with the id '${values.span}'. Its span names: ${names.join(', ')}`);
    return 1;
  }
  console.log(text);
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
