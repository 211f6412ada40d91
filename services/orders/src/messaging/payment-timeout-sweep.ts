import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type { Logger, Worker } from '@tracebed/platform';
import { expirePayment, type ExpirePaymentDeps } from '../domain/expire-payment';
import type { OrderStore } from '../domain/ports';

export interface PaymentTimeoutSweepOptions extends ExpirePaymentDeps {
  store: OrderStore;
  logger: Logger;
  /** How long a payment may stay unanswered before it is requested again. */
  paymentTimeoutMs: number;
}

/**
 * Finds orders whose payment went unanswered and expires them (expirePayment), each inside
 * the order's own trace, so a retried or failed payment shows where the order's story is.
 */
export function createPaymentTimeoutSweep(options: PaymentTimeoutSweepOptions): Worker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function sweep(): Promise<void> {
    const stale = await options.store.findStalePayments(options.paymentTimeoutMs, 50);
    for (const order of stale) {
      const parent = propagation.extract(ROOT_CONTEXT, order.traceContext);
      const result = await context.with(parent, () => expirePayment(options, order));
      options.logger.warn({ orderId: order.orderId, paymentRequests: order.paymentRequests, result }, 'order.payment_timed_out');
    }
  }

  const tick = () => {
    if (running) return;
    running = context
      .with(ROOT_CONTEXT, sweep)
      .catch((error: unknown) => options.logger.warn({ err: error }, 'order.payment_sweep_failed'))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    start() {
      timer = setInterval(tick, Math.max(500, Math.min(5_000, options.paymentTimeoutMs / 3)));
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
