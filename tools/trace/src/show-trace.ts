import { fetchTrace, recentTraceIds, buildWaterfall, waterfallJson, type Waterfall } from '@tracebed/trace-reading';
import { renderWaterfall } from './render';
import { renderSpanDetails, rowsMatching } from './span-details';
import { UsageError } from './usage-error';

export const TRACE_ID = /^[0-9a-f]{32}$/i;

/** A trace id from the command line, checked and lower-cased. */
export function traceIdArgument(text: string | undefined, what = 'a trace id'): string {
  if (!text) throw new UsageError(`give ${what}`);
  if (!TRACE_ID.test(text)) throw new UsageError(`'${text}' is not a trace id (32 hex digits)`);
  return text.toLowerCase();
}

export async function resolveTraceId(positional: string | undefined, values: { last?: boolean; order?: string }, urls: { jaegerUrl: string; gatewayUrl: string }): Promise<string> {
  if (values.last) {
    const [newest] = await recentTraceIds(urls.jaegerUrl, 'gateway', 20);
    if (!newest) throw new Error(`Jaeger at ${urls.jaegerUrl} has no gateway trace from the last hour`);
    return newest;
  }
  if (values.order) {
    const response = await fetch(new URL(`/api/orders/${encodeURIComponent(values.order)}`, urls.gatewayUrl));
    const body = (await response.json()) as { traceId?: string; error?: { message: string } };
    if (!response.ok || !body.traceId) throw new Error(`order ${values.order}: ${body.error?.message ?? `the gateway answered ${response.status}`}`);
    return body.traceId;
  }
  return traceIdArgument(positional, 'a trace id, --last or --order <id>');
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

/** One trace as a waterfall, or one span of it in full. */
export async function showTrace(jaegerUrl: string, traceId: string, options: { span?: string; json?: boolean; color: boolean }): Promise<string> {
  const trace = await fetchTrace(jaegerUrl, traceId);
  if (!trace || trace.spans.length === 0) {
    throw new Error(`trace ${traceId} is not in Jaeger at ${jaegerUrl}: spans take about a second to arrive; an old trace may have been evicted from memory`);
  }
  const waterfall = buildWaterfall(trace);
  const text = output(waterfall, options);
  if (text === undefined) {
    const names = [...new Set(waterfall.rows.map((row) => row.span.name))].sort();
    throw new Error(`trace ${traceId} has no span named or with the id '${options.span}'. Its span names: ${names.join(', ')}`);
  }
  return text;
}
