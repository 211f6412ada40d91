import { OrderSettled, QUEUES } from '@tracebed/contracts';
import { PoisonMessageError, type Subscription } from '@tracebed/platform';
import type { StockStore } from '../domain/ports';
import { settleReservation } from '../domain/settle-reservation';

/** Settled orders commit or release their reserved stock. */
export function orderOutcomeConsumer(store: StockStore): Subscription {
  return {
    queue: QUEUES.inventoryOrderOutcome,
    async handle(message) {
      const parsed = OrderSettled.safeParse(message.body);
      if (!parsed.success) throw new PoisonMessageError(`not an OrderSettled event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      await settleReservation(store, parsed.data);
    },
  };
}
