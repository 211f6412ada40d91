import { done, missing } from '../findings';
import { compareAnswer, orderAnswer, type Lab } from '../lab';
import { deliveriesTo, exchangeOf, publishes, queueOf } from '../trace-facts';

export const acrossTheQueue: Lab = {
  number: 2,
  title: 'Lab 2: follow an order across the queue',
  page: 'docs/workshop/02-across-the-queue.md',
  options: [
    { name: 'order', description: 'the id of a paid order' },
    { name: 'messages', description: 'how many messages the order sent over RabbitMQ' },
    { name: 'exchange', description: 'the exchange they went through' },
    { name: 'queue', description: 'the queue payments read the order from' },
  ],
  why: 'a message carries the trace context in its headers as an HTTP call does: the producer span injects it, the consumer span takes its parent from it. That is why the payment, the settlement and the stock commit sit in the same trace, although no one waited for them.',
  async check(context, answers) {
    const order = await context.order(orderAnswer(answers));
    const trace = await context.orderTrace(order);
    const [firstPayment] = deliveriesTo(trace, 'payments');
    const sent = publishes(trace);
    return [
      order.status === 'paid' ? done(`order ${order.orderId} is paid`) : missing(`order ${order.orderId} is ${order.status}`, 'use a plain order that got paid'),
      firstPayment ? done('payments received the order in this same trace') : missing('no payments span in this trace', 'wait a second and check again; payments consumes the order after the outbox relay publishes it'),
      compareAnswer(answers.messages, 'messages', 'How many messages did the order send?', sent.length, 'count the producer spans ("publish …"); each one is a message, whichever service sent it'),
      compareAnswer(answers.exchange, 'exchange', 'Which exchange?', sent[0] ? exchangeOf(sent[0]) : '?', 'open a publish span and read messaging.destination.name'),
      compareAnswer(answers.queue, 'queue', 'Which queue did payments read from?', firstPayment ? queueOf(firstPayment) : '?', "open payments' \"process …\" span and read messaging.destination.subscription.name"),
    ];
  },
};
