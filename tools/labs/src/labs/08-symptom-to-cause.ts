import { done, missing, stop, type Finding } from '../findings';
import { compareAnswer, type Answers, type Lab } from '../lab';
import type { LabContext, ServiceName } from '../lab-context';
import { placeSteadyOrders } from '../steady-orders';
import { buildWaterfall, type Trace } from '@tracebed/trace-reading';
import { millisecondsOf } from './03-slow-service';
import { isCloseToExtra } from './extra-time';

/** A slowness the scene hides in its middle stretch, and how a trace shows it. */
interface Cause {
  service: ServiceName;
  rule: string;
  point: string;
  /** The span that holds the extra time itself. */
  span: (name: string) => boolean;
  extraMs: number;
  why: string;
}

const CAUSES: Cause[] = [
  {
    service: 'inventory',
    rule: 'inventory.db=slow-query:150ms',
    point: 'inventory.db',
    span: (name) => name.startsWith('pg.query'),
    extraMs: 150,
    why: "each of inventory's statements waited 150 ms on a pg_sleep before it: one more pg.query span per statement, and the reservation, so the shop's answer, slowed by the sum",
  },
  {
    service: 'orders',
    rule: 'orders.inventory=latency:300ms',
    point: 'orders.inventory',
    span: (name) => name === 'order.place',
    extraMs: 300,
    why: 'orders waited 300 ms before each call to inventory: time of its own in order.place, no child running, so only its self time grew; inventory itself was as fast as ever',
  },
  {
    service: 'payments',
    rule: 'payments.db=slow-query:200ms',
    point: 'payments.db',
    span: (name) => name.startsWith('pg.query'),
    extraMs: 200,
    why: "payments' statements waited 200 ms each, after the queue: the shop's answers were as fast as ever and its latency graph flat, while orders took longer to be paid. Only a summary of payments, or a trace that crosses the queue, shows it",
  },
];

const PER_SECOND = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

async function clearCauses(context: LabContext): Promise<void> {
  for (const cause of CAUSES) {
    const listing = await context.admin(cause.service).list();
    if (listing.rules.some((rule) => rule.source === 'admin' && rule.rule.startsWith(`${cause.point}=`))) await context.admin(cause.service).clear();
  }
}

/**
 * Steady orders for three stretches; in the middle one a cause, chosen at random, slows the shop.
 * Stretch length from LAB_8_STRETCH_S (40 s by default; tests shorten it).
 */
async function runScene(context: LabContext): Promise<string> {
  const stretchMs = Number(process.env.LAB_8_STRETCH_S ?? 40) * 1000;
  const cause = CAUSES[Math.floor(Math.random() * CAUSES.length)]!;
  await clearCauses(context);
  const startedAt = Date.now();
  console.log(`The scene runs until ${clock(startedAt + 3 * stretchMs)} UTC: ${PER_SECOND} orders a second. Watch the shop meanwhile, if you like.`);
  const traffic = placeSteadyOrders(context.gatewayUrl, { perSecond: PER_SECOND, durationMs: 3 * stretchMs });
  try {
    await sleep(stretchMs);
    await context.admin(cause.service).replace(cause.rule, Math.ceil(stretchMs / 1000) + 60);
    await sleep(stretchMs);
  } finally {
    await context.admin(cause.service).clear();
  }
  const { placed, refused } = await traffic;
  return [
    `The scene ran from ${clock(startedAt)} to ${clock(Date.now())} UTC: ${placed} orders accepted${refused ? `, ${refused} refused` : ''}.`,
    'For part of that time something was slower. Find when, where, and by how much: the lab page says how.',
  ].join('\n');
}

/** The cause the last scene used, from the traces it slowed: the newest one wins. */
async function lastCause(context: LabContext): Promise<Cause | undefined> {
  const endUs = Date.now() * 1000;
  const startUs = endUs - 3_600 * 1e6;
  let newest: { cause: Cause; atUs: number } | undefined;
  for (const cause of CAUSES) {
    const traces = await context.searchTraces({ service: cause.service, startUs, endUs, limit: 5, tags: { 'fault.point': cause.point, 'fault.source': 'admin' } });
    const atUs = Math.max(0, ...traces.flatMap((trace) => trace.spans.map((span) => span.startTimeUs)));
    if (traces.length > 0 && (!newest || atUs > newest.atUs)) newest = { cause, atUs };
  }
  return newest?.cause;
}

/** The learner's slow trace, when it is one the cause slowed. */
async function slowTrace(context: LabContext, cause: Cause, answers: Answers): Promise<{ trace?: Trace; finding: Finding }> {
  const traceId = answers.slow?.trim().toLowerCase();
  if (!traceId) return { finding: missing('Which trace was slow? Answer with --slow <traceId>.', '`trace --find` with --min-duration lists the slow ones of a service') };
  const trace = await context.traceIfAny(traceId);
  if (!trace) return { finding: missing(`Jaeger has no trace ${traceId}`, 'copy a trace id from `trace --find`') };
  const slowed = trace.spans.some((span) => span.events.some((event) => event.name === 'fault.injected' && event.attributes['fault.point'] === cause.point));
  return slowed
    ? { trace, finding: done(`trace ${traceId} is one the cause slowed`) }
    : { finding: missing(`trace ${traceId} was not slowed by it`, 'compare its duration with others of the same minute; pick one from the slow stretch') };
}

/**
 * The span named holds the extra time: in the slow trace, a span of that name in the cause's
 * service has at least half the delay as self time (a statement the ledger runs unseen makes its
 * consumer span slow too). Without a slow trace to read, the span the cause is known to slow.
 */
function holdsTheTime(cause: Cause, name: string, trace: Trace | undefined): boolean {
  if (!trace) return cause.span(name);
  return buildWaterfall(trace).rows.some((row) => row.span.service === cause.service && row.span.name === name && row.selfTimeUs >= cause.extraMs * 500);
}

function checkSize(cause: Cause, answers: Answers, trace: Trace | undefined): Finding[] {
  const span = answers.span?.trim();
  const extra = answers.extra === undefined ? undefined : millisecondsOf(answers.extra);
  return [
    !span
      ? missing('Which span holds the extra time itself? Answer with --span <name>.', '`trace --compare <fast> <slow>` lists the spans whose self time grew')
      : holdsTheTime(cause, span, trace)
        ? done(`Which span holds the extra time? ${span}: right.`)
        : missing(`Which span holds the extra time? ${span} is not it.`, 'the one whose self time grew, not a parent that only waited for it'),
    extra === undefined
      ? missing('By how much, each time? Answer with --extra <ms>.', "that span's self time in the slow trace minus in the fast one")
      : isCloseToExtra(extra, cause.extraMs)
        ? done(`By how much? ${answers.extra?.trim()}: close enough.`)
        : missing(`By how much? ${answers.extra?.trim()} is not it.`, 'per span, not per trace: a statement repeated seven times adds its delay seven times'),
  ];
}

export const symptomToCause: Lab = {
  number: 8,
  title: 'Lab 8: from symptom to cause',
  page: 'docs/workshop/08-symptom-to-cause.md',
  options: [
    { name: 'service', description: 'the service where the extra time was spent' },
    { name: 'span', description: 'the span that holds the extra time itself' },
    { name: 'extra', description: 'about how much longer that span was, each time, in ms' },
    { name: 'slow', description: 'the id of one trace the slowness hit' },
  ],
  start: runScene,
  async reset(context) {
    await clearCauses(context);
    return 'Nothing of lab 8 is left: its scene ends by itself, and no cause remains set.';
  },
  async check(context, answers) {
    const cause = (await lastCause(context)) ?? stop('no trace of the last hour was slowed by a lab 8 scene', 'run `lab start 8` first and let it finish (two minutes)');
    const slow = await slowTrace(context, cause, answers);
    const findings = [
      compareAnswer(answers.service, 'service', 'Where was the extra time spent?', cause.service, '`trace --red --service <name>` for each service: where did p95 grow in the bad stretch?'),
      ...checkSize(cause, answers, slow.trace),
      slow.finding,
    ];
    return findings.every((finding) => finding.ok) ? [...findings, done(`Why: ${cause.why}. (The hidden cause was ${cause.rule}.)`)] : findings;
  },
};
