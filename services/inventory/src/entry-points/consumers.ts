import { OrderSettled, QUEUES } from '@tracebed/contracts';
import { parseMessage, type Subscription } from '@tracebed/platform';
import type { StockStore } from '../domain/ports';
import { settleReservation } from '../domain/settle-reservation';

/** Settled orders commit or release their reserved stock. */
export function orderOutcomeConsumer(store: StockStore): Subscription {
  return {
    queue: QUEUES.inventoryOrderOutcome,
    async handle(message) {
      await settleReservation(store, parseMessage(OrderSettled, message.body, 'OrderSettled'));
    },
  };
}
