import { fetchTrace, type Trace } from '@tracebed/trace-reading';
import { loadScenario } from '../scenario-file';
import { isWholeOrderTrace, servicesMissing } from './whole-order-trace';

export interface FirstTraceOptions {
  baseUrl: string;
  jaegerUrl: string;
  timeoutMs: number;
}

export interface FirstTrace {
  orderId: string;
  traceId: string;
  spans: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function orderStatus(baseUrl: string, orderId: string): Promise<string | undefined> {
  const response = await fetch(new URL(`/api/orders/${orderId}`, baseUrl), { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
  return response?.ok ? ((await response.json()) as { status?: string }).status : undefined;
}

/**
 * Places the load scenarios' order through the gateway and polls the order and Jaeger until the
 * order is paid and its trace (the id the gateway answers with) holds spans of all four services.
 * No traceparent is sent: a parent span that is never exported would leave the trace rootless.
 */
export async function firstWholeOrderTrace(options: FirstTraceOptions): Promise<FirstTrace> {
  const { items, cardNumber } = loadScenario('smoke').journey;
  const placed = await fetch(new URL('/api/orders', options.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items, cardNumber }),
    signal: AbortSignal.timeout(5_000),
  });
  if (placed.status !== 202) throw new Error(`the order was not accepted: HTTP ${placed.status} ${await placed.text()}`);
  const { orderId, traceId } = (await placed.json()) as { orderId: string; traceId: string };
  const deadline = Date.now() + options.timeoutMs;
  let status: string | undefined;
  let trace: Trace | undefined;
  while (Date.now() < deadline) {
    status = status === 'paid' ? status : await orderStatus(options.baseUrl, orderId);
    trace = status === 'paid' ? await fetchTrace(options.jaegerUrl, traceId, { timeoutMs: 2_000 }).catch(() => undefined) : undefined;
    if (isWholeOrderTrace(trace, status)) return { orderId, traceId, spans: trace!.spans.length };
    await sleep(100);
  }
  throw new Error(`order ${orderId} ${status === 'paid' ? 'paid' : `still ${status ?? 'unknown'}`}, trace ${traceId} lacks spans of ${servicesMissing(trace).join(', ')} after ${options.timeoutMs / 1000} s`);
}
