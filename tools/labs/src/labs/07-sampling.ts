import { done, missing, type Finding } from '../findings';
import { compareAnswer, type Answers, type Lab } from '../lab';
import type { LabContext } from '../lab-context';
import { rootsOf } from '../trace-facts';

// Spans reach Jaeger within a second or two; an order older than this with no spans was not sampled.
const SETTLED_AFTER_MS = 5_000;

async function checkUnsampled(context: LabContext, answers: Answers): Promise<Finding[]> {
  if (!answers.unsampled) return [missing('Which order did you place with the sampled flag off? Answer with --unsampled <orderId>.', 'send traceparent 00-<32 hex>-<16 hex>-00 with the order')];
  const order = await context.order(answers.unsampled);
  const findings = [order.status === 'paid' ? done(`order ${order.orderId} was paid, traced or not`) : missing(`order ${order.orderId} is ${order.status}`, 'wait until it is paid, or place a plain order')];
  const age = Date.now() - Date.parse(order.createdAt);
  if (!(age > SETTLED_AFTER_MS)) return [...findings, missing('it is only seconds old: give its spans a moment to arrive', 'check again in a few seconds')];
  const trace = order.traceId ? await context.traceIfAny(order.traceId) : undefined;
  findings.push(
    trace ? missing(`Jaeger has ${trace.spans.length} spans of trace ${order.traceId}: this order was sampled`, "the last two hex digits of traceparent are the flags: 00 means 'not sampled'") : done(`Jaeger has no span of its trace ${order.traceId}: no service recorded it`),
    compareAnswer(answers.spans, 'spans', 'How many spans did the shop record for it?', trace?.spans.length ?? 0, 'look its trace id up in Jaeger (bin/tracebed trace <traceId>)'),
  );
  return findings;
}

async function checkSampled(context: LabContext, answers: Answers): Promise<Finding[]> {
  if (!answers.sampled) return [missing('Which order did you place with the sampled flag on? Answer with --sampled <orderId>.', 'send traceparent 00-<32 hex>-<16 hex>-01 with the order')];
  const order = await context.order(answers.sampled);
  if (!order.traceId || !(await context.traceIfAny(order.traceId))) {
    return [missing(`Jaeger has no span of order ${order.orderId}'s trace: it was not sampled`, 'send traceparent with the flags 01, and give the spans a few seconds')];
  }
  const trace = await context.orderTrace(order);
  const [root] = rootsOf(trace);
  if (!root?.parentId) return [missing(`the trace of order ${order.orderId} starts at ${root?.service ?? '?'} without a parent: it was not placed with your own traceparent`, 'send the traceparent header with curl -H')];
  return [done(`order ${order.orderId}'s trace continues yours: the gateway's span names your span ${root.parentId} as its parent, which only you know`)];
}

export const sampling: Lab = {
  number: 7,
  title: 'Lab 7: sampling, and who decides',
  page: 'docs/workshop/07-sampling.md',
  options: [
    { name: 'unsampled', description: 'an order placed with the sampled flag off' },
    { name: 'spans', description: 'how many spans the shop recorded for it' },
    { name: 'sampled', description: 'an order placed with the sampled flag on' },
  ],
  why: "the sampling decision is made once, at the root, and travels in traceparent's flags: every service follows it, so a trace is whole or absent, never half-recorded. Deciding after the fact (tail sampling) needs a collector that holds whole traces.",
  async check(context, answers) {
    return [...(await checkUnsampled(context, answers)), ...(await checkSampled(context, answers))];
  },
};
