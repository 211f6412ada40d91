import { done, missing } from '../findings';
import { compareAnswer, orderAnswer, type Lab } from '../lab';
import { criticalSpans, rootsOf, sqlStatements } from '../trace-facts';

export const firstTrace: Lab = {
  number: 1,
  title: 'Lab 1: your first trace',
  page: 'docs/workshop/01-first-trace.md',
  options: [
    { name: 'order', description: 'the id of the order you placed from the shop page' },
    { name: 'services', description: 'how many services took part in it, the browser included' },
    { name: 'sql', description: 'how many SQL statements it ran' },
    { name: 'critical', description: 'how many of its spans are on the critical path' },
  ],
  why: "one action in the browser became one trace because every hop carried its context: the page's fetch sent traceparent, each service's span took its parent from it, and the statements ran inside those spans. The critical path is what the root's end waited for, so nothing after the queue is on it.",
  async check(context, answers) {
    const order = await context.order(orderAnswer(answers));
    const trace = await context.orderTrace(order);
    const [root] = rootsOf(trace);
    const services = new Set(trace.spans.map((span) => span.service));
    return [
      order.status === 'paid'
        ? done(`order ${order.orderId} is paid`)
        : missing(`order ${order.orderId} is ${order.status}, not paid`, 'place a plain order with the approved test card and no fault'),
      root?.service === 'shop-web'
        ? done(`its trace starts in the browser: ${root.name}`)
        : missing(`its trace starts at ${root?.service ?? 'nothing'} (${root?.name ?? '-'}), not in the browser`, 'place the order from the shop page at http://127.0.0.1:8080, not with curl'),
      compareAnswer(answers.services, 'services', 'How many services?', services.size, 'count the distinct service names in the waterfall; the browser (shop-web) is one'),
      compareAnswer(answers.sql, 'sql', 'How many SQL statements?', sqlStatements(trace).length, "count the spans named pg.query:…, in every service"),
      compareAnswer(
        answers.critical,
        'critical',
        'How many spans on the critical path?',
        criticalSpans(trace).length,
        "count the bold rows on the page, or `bin/tracebed trace --order <id> | grep -c '^\\*'`; nothing after the queue is on it (docs/architecture.md#the-critical-path)",
      ),
    ];
  },
};
