import { done, missing, type Finding } from '../findings';
import { compareAnswer, type Answers, type Lab } from '../lab';
import type { LabContext } from '../lab-context';
import { deliveriesTo, spansNamed } from '../trace-facts';
import { hiddenFaults } from './hidden-fault';

const flakyPayments = hiddenFaults([{ service: 'payments', rule: 'payments.charge=error@0.5' }]);

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
  ];
}

async function checkRetried(context: LabContext, answers: Answers): Promise<Finding[]> {
  if (!answers.retried) return [missing('Which order got paid although payments failed on the way? Answer with --retried <orderId>.', 'place a few orders with the approved card; look for one whose trace shows payments more than once')];
  const order = await context.order(answers.retried);
  if (order.status !== 'paid') return [missing(`order ${order.orderId} is ${order.status}, not paid`, 'pick an order that got paid in the end')];
  const trace = await context.orderTrace(order);
  const deliveries = deliveriesTo(trace, 'payments');
  if (deliveries.length < 2) return [missing(`order ${order.orderId} was paid at the first attempt: nothing failed on the way`, 'pick an order whose trace shows payments receiving the order more than once')];
  return [
    done(`order ${order.orderId} was paid after payments failed at least once`),
    compareAnswer(answers.attempts, 'attempts', 'How many times did payments receive the order?', deliveries.length, 'count the "process payments.order.placed" spans: each is one delivery of the same message'),
  ];
}

export const failedPayments: Lab = {
  number: 4,
  title: 'Lab 4: diagnose failed payments',
  page: 'docs/workshop/04-failed-payments.md',
  options: [
    { name: 'declined', description: 'an order the card declined' },
    { name: 'reason', description: 'why the card declined it' },
    { name: 'retried', description: 'an order paid after payments failed on the way' },
    { name: 'attempts', description: 'how many times payments received that order' },
  ],
  ...flakyPayments.labActions({
    started: 'payments now fails half of its charges (for the next hour, or until `pnpm lab reset 4`). Place orders with the approved and the declining test cards.',
    cleared: 'payments is reliable again.',
    nothingToClear: 'Nothing to undo: payments had no lab 4 fault.',
  }),
  async check(context, answers) {
    return [...(await checkDeclined(context, answers)), ...(await checkRetried(context, answers))];
  },
};
