import { done, missing, stop } from '../findings';
import { orderAnswer, type Lab } from '../lab';
import { parentOf, spansNamed } from '../trace-facts';

export const CUSTOM_SPAN = 'card.authorize';

export const customSpan: Lab = {
  number: 5,
  title: 'Lab 5: add a span of your own',
  page: 'docs/workshop/05-custom-span.md',
  options: [{ name: 'order', description: 'an order placed after your change was deployed' }],
  why: "a span of your own, started with the OpenTelemetry API inside an active span, becomes that span's child with no wiring: the context is implicit. Its attributes make the business step searchable, beside the spans the instrumentations make.",
  async check(context, answers) {
    const order = await context.order(orderAnswer(answers));
    const trace = await context.orderTrace(order);
    const [charge] = spansNamed(trace, 'payments', 'payment.charge');
    if (!charge) stop(`order ${order.orderId}'s trace has no payment.charge span yet`, 'wait until the order is paid or failed, then check again');
    const [span, ...extra] = spansNamed(trace, 'payments', CUSTOM_SPAN);
    if (!span) {
      return [
        missing(`no ${CUSTOM_SPAN} span in payments for order ${order.orderId}`, 'did you rebuild and restart payments after the change, and place a new order afterwards? (see "Deploy your change" on the lab page)'),
      ];
    }
    const amount = span.attributes['payment.amount_cents'];
    const outcome = span.attributes['payment.outcome'];
    return [
      done(`payments has a ${CUSTOM_SPAN} span`),
      extra.length === 0 ? done('exactly one, since the card was asked once') : missing(`${extra.length + 1} ${CUSTOM_SPAN} spans in one order`, 'the card is asked once per payment: wrap only the provider call'),
      parentOf(trace, span) === charge ? done('its parent is payment.charge') : missing(`its parent is ${parentOf(trace, span)?.name ?? 'missing'}, not payment.charge`, 'start it inside the callback of withSpan(\'payment.charge\', …), where that span is active'),
      amount === charge?.attributes['order.total_cents']
        ? done(`payment.amount_cents is ${String(amount)}, the order's total`)
        : missing(`payment.amount_cents is ${amount === undefined ? 'not set' : String(amount)}; the order's total is ${String(charge?.attributes['order.total_cents'])}`, 'set it as a number, from order.amountCents'),
      outcome === 'succeeded' || outcome === 'declined'
        ? done(`payment.outcome is ${String(outcome)}`)
        : missing(`payment.outcome is ${outcome === undefined ? 'not set' : `'${String(outcome)}'`}`, "set it from the provider's answer, its outcome field (succeeded or declined), once it has answered"),
      span.kind === 'client' ? done('its kind is client: a call to the card provider') : missing(`its kind is ${span.kind ?? 'internal'}`, 'a call to another system is a CLIENT span: pass { kind: SpanKind.CLIENT }'),
    ];
  },
};
