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
 * How often the sweep looks: a tenth of the timeout, between 0.5 s and 2 s, so a payment is
 * requested again at most 10 % (or 2 s) after its timeout. The query reads a partial index of
 * the pending orders only, so looking often costs next to nothing.
 */
export const sweepIntervalMs = (paymentTimeoutMs: number): number => Math.max(500, Math.min(2_000, paymentTimeoutMs / 10));

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
      timer = setInterval(tick, sweepIntervalMs(options.paymentTimeoutMs));
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
