import { done, stop } from '../findings';
import { compareAnswer, type Lab } from '../lab';
import { hiddenFaults } from './hidden-fault';

// Each slows a different service in a different way: a slow handler, slow SQL, a slow consumer.
const slowness = hiddenFaults([
  { service: 'inventory', rule: 'inventory.reserve=latency:700ms' },
  { service: 'orders', rule: 'orders.db=slow-query:120ms' },
  { service: 'payments', rule: 'payments.charge=latency:700ms' },
]);

export const slowService: Lab = {
  number: 3,
  title: 'Lab 3: find the slow service',
  page: 'docs/workshop/03-slow-service.md',
  options: [{ name: 'service', description: 'the service that makes orders slow' }],
  ...slowness.labActions({
    started: 'One service of the shop is now slow (for the next hour, or until `pnpm lab reset 3`). Place orders and find out which.',
    cleared: 'The shop is fast again.',
    nothingToClear: 'Nothing to undo: no lab 3 slowness was set.',
  }),
  async check(context, answers) {
    const scene = (await slowness.current(context)) ?? stop('no service is slowed down for this lab', 'run `pnpm lab start 3` first (it also expires after an hour)');
    return [
      done('one service is slowed down'),
      compareAnswer(answers.service, 'service', 'Which service is slow?', scene.service, 'compare orders in the waterfall: which spans grew? Read the span that is long itself, not only its parents'),
    ];
  },
};
