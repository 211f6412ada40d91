import { done, missing, stop, type Finding } from '../findings';
import { compareAnswer, type Answers, type Lab } from '../lab';
import type { LabContext, ServiceName } from '../lab-context';
import { firstRoot, requestOf, senderOf, startedWithoutContext } from '../split-traces';
import { hiddenFaults, type HiddenFault } from './hidden-fault';

/** One HTTP call between two services; its fault point is `<caller>.<callee>`. */
interface Hop {
  caller: ServiceName;
  callee: ServiceName;
}

const HOPS: Hop[] = [
  { caller: 'gateway', callee: 'orders' },
  { caller: 'gateway', callee: 'inventory' },
  { caller: 'orders', callee: 'inventory' },
];

const nameOf = (hop: Hop) => `${hop.caller}-${hop.callee}`;
const ruleAt = (hop: Hop) => `${hop.caller}.${hop.callee}=lose-context`;

const lostContext = hiddenFaults(HOPS.map((hop) => ({ service: hop.caller, rule: ruleAt(hop) })));

/** `orders -> inventory`, `orders.inventory`, `Orders-Inventory`: all one hop. */
const normaliseHop = (text: string) => text.trim().toLowerCase().replace(/\s*(?:->|→|>|\.|-|\s)\s*/g, '-');
const hopNamed = (text: string | undefined) => HOPS.find((hop) => text !== undefined && nameOf(hop) === normaliseHop(text));
const hopOf = (scene: HiddenFault) => HOPS.find((hop) => scene.rule.startsWith(`${hop.caller}.${hop.callee}=`))!;

const possessive = (service: string) => (service.endsWith('s') ? `${service}'` : `${service}'s`);

// Spans of one call are stamped by two processes on one machine: allow for their clocks and batching.
const CLOCK_SLACK_US = 1_000_000;
const CALL_SEARCH_US = 5_000_000;
const TRACE_ID = /^[0-9a-f]{16,32}$/i;

/** The learner's evidence: a trace the hop's callee started from nothing, sent by the hop's caller. */
async function checkOrphan(context: LabContext, answers: Answers, scene: HiddenFault): Promise<Finding[]> {
  const traceId = answers.orphan?.trim().toLowerCase();
  const hint = "a request that arrives without traceparent makes its service start a trace of its own: look for a trace whose first span is a service's server span, with no parent";
  if (!traceId) return [missing('Which trace did the called service start on its own? Answer with --orphan <traceId>.', hint)];
  if (!TRACE_ID.test(traceId)) return [missing(`'${traceId}' is not a trace id`, 'a trace id is 32 hex digits, as `pnpm trace` and Jaeger show it')];
  const hop = hopNamed(answers.hop);
  if (!hop) return [missing(`trace ${traceId}: name a hop first (--hop ${HOPS.map(nameOf).join(' | ')}), so the check knows which call it should come from`)];
  const trace = (await context.traceIfAny(traceId)) ?? stop(`Jaeger has no trace ${traceId}`, 'copy the trace id from `bin/tracebed trace --find` or Jaeger; spans take a second or two to arrive');
  const root = firstRoot(trace)!;
  const where = `trace ${traceId} begins at ${possessive(root.service)} '${root.name}'`;
  if (!startedWithoutContext(root)) return [missing(`${where}, which is not a server span without a parent`, hint)];
  if (root.service !== hop.callee) return [missing(`${where}: it was not started by ${hop.callee}, which ${hop.caller} calls on the hop ${nameOf(hop)}`, hint)];
  if (scene.setAt && root.startTimeUs < scene.setAt.getTime() * 1_000 - CLOCK_SLACK_US) return [missing(`${where}, but before the hop broke (${scene.setAt.toISOString()})`, 'place an order or load the shop page again, then look at the newest traces')];
  const callerTraces = await context.searchTraces({ service: hop.caller, startUs: root.startTimeUs - CALL_SEARCH_US, endUs: root.startTimeUs + CLOCK_SLACK_US, limit: 200 });
  const sender = senderOf(root, hop.caller, callerTraces);
  if (!sender) return [missing(`${where}, but no span of ${hop.caller} sent ${requestOf(root) ?? 'that request'} then`, `it was not sent over the hop ${nameOf(hop)}: which service calls ${root.name}?`)];
  return [
    done(`${where} with no parent: ${hop.callee} received ${requestOf(root)} without a trace context`),
    done(`${hop.caller} sent it from trace ${sender.trace.traceId}, where its client span '${sender.span.name}' has no ${hop.callee} span below it`),
  ];
}

export const brokenHop: Lab = {
  number: 9,
  title: 'Lab 9: the broken hop',
  page: 'docs/workshop/09-broken-hop.md',
  options: [
    { name: 'hop', description: 'the call that loses the trace context, as <caller>-<callee>' },
    { name: 'orphan', description: 'the id of a trace that the called service started on its own' },
  ],
  ...lostContext.labActions({
    started: 'One call between two services now goes out without its trace context (for the next hour, or until `lab reset 9`). Use the shop and find where its traces split.',
    cleared: 'Every call carries its trace context again.',
    nothingToClear: 'Nothing to undo: no hop was broken for lab 9.',
  }),
  async check(context, answers) {
    const scene = (await lostContext.current(context)) ?? stop('no hop loses the trace context for this lab', 'run `lab start 9` first (it also expires after an hour)');
    const hop = hopOf(scene);
    const findings = [
      compareAnswer(answers.hop, 'hop', 'Which hop loses the trace context?', nameOf(hop), 'find a trace that ends at a client span with nothing below it: its service is the caller; the service it called is the callee', normaliseHop),
      ...(await checkOrphan(context, answers, scene)),
    ];
    if (findings.every((finding) => finding.ok)) {
      findings.push(done(`Why: ${hop.caller} sends its calls to ${hop.callee} without traceparent, tracestate or baggage (the hidden fault was ${scene.rule}), so ${hop.callee} cannot join the caller's trace and starts one of its own.`));
    }
    return findings;
  },
};
