import { done, missing, type Finding } from '../findings';
import { compareAnswer, type Answers, type Lab } from '../lab';
import type { LabContext } from '../lab-context';
import { deliveriesTo, spansNamed } from '../trace-facts';
import { hiddenFaults } from './hidden-fault';

const flakyPayments = hiddenFaults([{ service: 'payments', rule: 'payments.charge=error@0.5' }]);

const WHY =
  'both failures are red, so status alone cannot tell them apart. error.type can: the decline reason for a business failure, the class of the exception for a technical one; ' +
  'a dashboard grouped by error.type separates them. The technical failure never reached the customer: the delivery that failed scheduled a retry, and the next one paid.';

async function checkDeclined(context: LabContext, answers: Answers): Promise<Finding[]> {
  if (!answers.declined) return [missing('Which order did the card decline? Answer with --declined <orderId>.', 'place an order with the 4000 … 0002 or 4000 … 9995 test card')];
  const order = await context.order(answers.declined);
  if (order.status !== 'payment_failed') return [missing(`order ${order.orderId} is ${order.status}: its payment did not fail`, 'wait until it is final, or pick an order whose status is "payment failed"')];
  const trace = await context.orderTrace(order);
  const decline = spansNamed(trace, 'payments', 'payment.charge').find((span) => span.attributes['payment.decline_reason']);
  if (!decline) return [missing(`order ${order.orderId} failed, but no payment.charge span says the card declined it`, 'its payment never got an answer from the card; pick an order placed with a declining test card')];
  return [
    done(`order ${order.orderId} failed because the card declined it`),
    compareAnswer(answers.reason, 'reason', 'Why did the card decline it?', String(decline.attributes['payment.decline_reason']), 'open the red payment.charge span: the reason is one of its attributes'),
    compareAnswer(answers['decline-type'], 'decline-type', 'What error.type does the declined charge carry?', String(decline.attributes['error.type']), 'the attribute error.type on the red payment.charge span of the declined order'),
  ];
}

async function checkRetried(context: LabContext, answers: Answers): Promise<Finding[]> {
  if (!answers.retried) return [missing('Which order got paid although payments failed on the way? Answer with --retried <orderId>.', 'place a few orders with the approved card; look for one whose trace shows payments more than once')];
  const order = await context.order(answers.retried);
  if (order.status !== 'paid') return [missing(`order ${order.orderId} is ${order.status}, not paid`, 'pick an order that got paid in the end')];
  const trace = await context.orderTrace(order);
  const deliveries = deliveriesTo(trace, 'payments');
  if (deliveries.length < 2) return [missing(`order ${order.orderId} was paid at the first attempt: nothing failed on the way`, 'pick an order whose trace shows payments receiving the order more than once')];
  const failedCharge = spansNamed(trace, 'payments', 'payment.charge').find((span) => span.isError && !span.attributes['payment.decline_reason']);
  const retryEvent = deliveries.flatMap((delivery) => delivery.events).find((event) => event.name.includes('retry'));
  return [
    done(`order ${order.orderId} was paid after payments failed at least once`),
    compareAnswer(answers.attempts, 'attempts', 'How many times did payments receive the order?', deliveries.length, 'count the "process payments.order.placed" spans: each is one delivery of the same message'),
    failedCharge
      ? compareAnswer(answers['failure-type'], 'failure-type', 'What error.type does the failed charge carry?', String(failedCharge.attributes['error.type']), 'the red payment.charge span under the first delivery: its error.type attribute')
      : missing(`order ${order.orderId} was delivered ${deliveries.length} times, but no payment.charge in its trace failed`, 'pick an order placed under the lab\'s scene, whose first charge failed'),
    retryEvent
      ? compareAnswer(answers['retry-event'], 'retry-event', 'Which span event schedules the next delivery?', retryEvent.name, 'the events of the first "process payments.order.placed" span')
      : missing(`no delivery of order ${order.orderId} scheduled a retry`, 'pick an order whose first charge failed under the lab\'s scene'),
  ];
}

export const failedPayments: Lab = {
  number: 4,
  title: 'Lab 4: diagnose failed payments',
  page: 'docs/workshop/04-failed-payments.md',
  options: [
    { name: 'declined', description: 'an order the card declined' },
    { name: 'reason', description: 'why the card declined it' },
    { name: 'decline-type', description: 'the error.type of the declined charge' },
    { name: 'retried', description: 'an order paid after payments failed on the way' },
    { name: 'attempts', description: 'how many times payments received that order' },
    { name: 'failure-type', description: 'the error.type of the charge that failed' },
    { name: 'retry-event', description: 'the span event that schedules the next delivery' },
  ],
  ...flakyPayments.labActions({
    started: 'payments now fails half of its charges (for the next hour, or until `lab reset 4`). Place orders with the approved and the declining test cards.',
    cleared: 'payments is reliable again.',
    nothingToClear: 'Nothing to undo: payments had no lab 4 fault.',
  }),
  async check(context, answers) {
    const findings = [...(await checkDeclined(context, answers)), ...(await checkRetried(context, answers))];
    return findings.every((finding) => finding.ok) ? [...findings, done(`Why: ${WHY}`)] : findings;
  },
};
