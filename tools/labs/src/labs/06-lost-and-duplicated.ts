import { done, missing, type Finding } from '../findings';
import { compareAnswer, type Answers, type Lab } from '../lab';
import type { LabContext } from '../lab-context';
import { faultsInjected, publishes, spansNamed } from '../trace-facts';

async function checkDuplicated(context: LabContext, answers: Answers): Promise<Finding[]> {
  if (!answers.duplicated) return [missing('Which order had its payment message delivered twice? Answer with --duplicated <orderId>.', 'place an order with the fault payments.consume=duplicate ("Payment message twice")')];
  const order = await context.order(answers.duplicated);
  const trace = await context.orderTrace(order);
  if (faultsInjected(trace, 'duplicate').length === 0) return [missing(`order ${order.orderId} had no duplicated message`, 'its trace has no fault.injected event of kind duplicate; use the fault payments.consume=duplicate')];
  const charges = spansNamed(trace, 'payments', 'payment.charge').filter((span) => span.attributes['payment.duplicate'] === false);
  return [
    done(`order ${order.orderId}'s payment message was delivered twice`),
    order.status === 'paid' ? done('and the order is paid') : missing(`the order is ${order.status}`, 'wait a second: it should end up paid'),
    compareAnswer(answers.charges, 'charges', 'How many times was the card charged?', charges.length, 'compare the two payment.charge spans: read payment.duplicate on each'),
  ];
}

async function checkLost(context: LabContext, answers: Answers): Promise<Finding[]> {
  if (!answers.lost) return [missing('Which order lost its payment message? Answer with --lost <orderId>.', 'place an order with the fault payments.consume=drop ("Payment message lost")')];
  const order = await context.order(answers.lost);
  const trace = await context.orderTrace(order);
  if (faultsInjected(trace, 'drop').length === 0) return [missing(`order ${order.orderId} lost no message`, 'its trace has no fault.injected event of kind drop; use the fault payments.consume=drop')];
  if (order.status === 'pending') {
    return [missing(`order ${order.orderId} is still pending`, 'orders asks for the payment again after 15 s without an answer, three times in all; check again in a minute')];
  }
  const requests = publishes(trace).filter((span) => span.service === 'orders' && span.attributes['messaging.rabbitmq.destination.routing_key'] === 'order.placed');
  return [
    done(`order ${order.orderId}'s payment message was dropped`),
    order.status === 'payment_failed' ? done('and the order failed instead of waiting forever') : missing(`the order is ${order.status}`, 'a dropped payment should end the order as payment failed'),
    compareAnswer(answers.requests, 'requests', 'How many times did orders ask payments to charge it?', requests.length, 'count the publish spans of orders whose routing key is order.placed; the later ones hang under order.payment_timeout'),
  ];
}

export const lostAndDuplicated: Lab = {
  number: 6,
  title: 'Lab 6: lost and duplicated messages',
  page: 'docs/workshop/06-lost-and-duplicated.md',
  options: [
    { name: 'duplicated', description: 'an order placed with payments.consume=duplicate' },
    { name: 'charges', description: 'how many times its card was charged' },
    { name: 'lost', description: 'an order placed with payments.consume=drop' },
    { name: 'requests', description: 'how many times orders asked payments to charge it' },
  ],
  why: "delivery is at least once: the duplicate reached payments twice but charged once, because payments is idempotent per order; the lost message was noticed by orders' timeout, which asked again and gave up after three requests. The trace shows each delivery and each request, so nothing is silently lost or doubled.",
  async check(context, answers) {
    return [...(await checkDuplicated(context, answers)), ...(await checkLost(context, answers))];
  },
};
