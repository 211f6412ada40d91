import { done, missing, stop, type Finding } from '../findings';
import { compareAnswer, type Answers, type Lab } from '../lab';
import { hiddenFaults } from './hidden-fault';
import { isCloseToExtra } from './extra-time';

/** What each scene makes slow, the evidence a learner can read in a trace, and why it shows so. */
interface Slowness {
  service: 'inventory' | 'orders' | 'payments';
  rule: string;
  /** The span that holds the extra self time. */
  span: (name: string) => boolean;
  extraMs: number;
  why: string;
}

// Each slows a different service in a different way: a slow handler, slow SQL, a slow consumer.
const SCENES: Slowness[] = [
  {
    service: 'inventory',
    rule: 'inventory.reserve=latency:700ms',
    span: (name) => name === 'stock.reserve',
    extraMs: 700,
    why: 'stock.reserve waits 700 ms itself: its self time grows, its parents only by their child. The answer to "Place order" waits for it, so the shop feels slow.',
  },
  {
    service: 'orders',
    rule: 'orders.db=slow-query:120ms',
    span: (name) => name.startsWith('pg.query'),
    extraMs: 120,
    why: 'before each statement of orders a pg_sleep of 120 ms runs, one more pg.query span each: seven in order.place alone. Many spans a little slower, not one long one.',
  },
  {
    service: 'payments',
    rule: 'payments.charge=latency:700ms',
    span: (name) => name === 'payment.charge',
    extraMs: 700,
    why: 'payment.charge waits 700 ms itself, after the queue: the shop answers as fast as ever and only the payment is late. A latency graph of the API shows nothing; the trace crosses the queue and does.',
  },
];

const slowness = hiddenFaults(SCENES.map(({ service, rule }) => ({ service, rule })));

/** "700", "700ms", "0.7s" → 700; undefined when not a duration. */
export function millisecondsOf(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (match[2]?.toLowerCase() === 's' ? 1000 : 1);
}

function checkEvidence(scene: Slowness, answers: Answers): Finding[] {
  const span = answers.span?.trim();
  const extra = answers.extra === undefined ? undefined : millisecondsOf(answers.extra);
  return [
    !span
      ? missing('Which span holds the extra time itself? Answer with --span <name>.', 'the self column: the span whose own time grew, not only its children')
      : scene.span(span)
        ? done(`Which span holds the extra time? ${span}: right.`)
        : missing(`Which span holds the extra time? ${span} is not it.`, 'read the self column: a parent is long whenever its child is; find the deepest span whose own time grew'),
    extra === undefined
      ? missing('About how much longer is it, each time? Answer with --extra <ms>.', "compare that span's self time with the same span in lab 1's trace")
      : isCloseToExtra(extra, scene.extraMs)
        ? done(`About how much longer? ${answers.extra?.trim()}: close enough.`)
        : missing(`About how much longer? ${answers.extra?.trim()} is not it.`, "that span's self time now, minus what it was in a fast order; per span, not per order"),
  ];
}

export const slowService: Lab = {
  number: 3,
  title: 'Lab 3: find the slow service',
  page: 'docs/workshop/03-slow-service.md',
  options: [
    { name: 'service', description: 'the service that makes orders slow' },
    { name: 'span', description: 'the span that holds the extra time itself' },
    { name: 'extra', description: 'about how much longer that span is, each time, in ms' },
  ],
  ...slowness.labActions({
    started: 'One service of the shop is now slow (for the next hour, or until `lab reset 3`). Place orders and find out which.',
    cleared: 'The shop is fast again.',
    nothingToClear: 'Nothing to undo: no lab 3 slowness was set.',
  }),
  async check(context, answers) {
    const current = (await slowness.current(context)) ?? stop('no service is slowed down for this lab', 'run `lab start 3` first (it also expires after an hour)');
    const scene = SCENES.find((candidate) => candidate.rule === current.rule) ?? stop(`the scene ${current.rule} is not one of lab 3's`, 'run `lab start 3` again');
    const findings = [
      done('one service is slowed down'),
      compareAnswer(answers.service, 'service', 'Which service is slow?', scene.service, 'compare orders in the waterfall: which spans grew? Read the span that is long itself, not only its parents'),
      ...checkEvidence(scene, answers),
    ];
    return findings.every((finding) => finding.ok) ? [...findings, done(`Why: ${scene.why} (The hidden fault was ${scene.rule}.)`)] : findings;
  },
};
