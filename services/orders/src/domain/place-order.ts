import { randomUUID } from 'node:crypto';
import { EVENTS, type OrderPlaced } from '@tracebed/contracts';
import type { FaultInjector } from '@tracebed/faults';
import { AppError, withSpan, type Logger } from '@tracebed/platform';
import { orderPlacedMessageId } from './message-ids';
import type { InventoryGateway, Order, OrderStore, RequestedLine } from './ports';

export interface PlaceOrderDeps {
  store: OrderStore;
  inventory: InventoryGateway;
  logger: Logger;
  faults: Pick<FaultInjector, 'atOperation'>;
}

export interface PlaceOrderRequest {
  items: RequestedLine[];
  cardLast4: string;
}

/**
 * Reserves the stock, then records the order and its OrderPlaced event in one transaction.
 * Short stock ends the order `rejected` at once. If the order cannot be recorded, the
 * reservation is released again so no stock is held for an order that does not exist; but an
 * error that came after the commit (its answer lost with the connection) leaves a recorded
 * order, which keeps its stock and goes on to payment.
 */
export async function placeOrder(deps: PlaceOrderDeps, request: PlaceOrderRequest): Promise<Order> {
  const orderId = randomUUID();
  return withSpan('order.place', { 'order.id': orderId, 'order.line_count': request.items.length }, async (span) => {
    await deps.faults.atOperation('orders.place');
    let reservation;
    try {
      reservation = await deps.inventory.reserve(orderId, request.items);
    } catch (error) {
      if (error instanceof AppError && error.code === 'OUT_OF_STOCK') {
        await deps.store.createRejected({ id: orderId, totalCents: 0, cardLast4: request.cardLast4, items: [] }, error.message);
        span.setAttribute('order.status', 'rejected');
      } else if (!(error instanceof AppError && error.status < 500)) {
        await releaseQuietly(deps, orderId);
      }
      throw error;
    }

    span.setAttribute('order.total_cents', reservation.totalCents);
    const event: OrderPlaced = {
      orderId,
      amountCents: reservation.totalCents,
      currency: 'EUR',
      cardLast4: request.cardLast4,
      placedAt: new Date().toISOString(),
    };
    try {
      const order = await deps.store.createPending(
        { id: orderId, totalCents: reservation.totalCents, cardLast4: request.cardLast4, items: reservation.lines },
        { routingKey: EVENTS.orderPlaced, messageId: orderPlacedMessageId(orderId), payload: event },
      );
      span.setAttribute('order.status', order.status);
      return order;
    } catch (error) {
      const recorded = await deps.store.find(orderId).catch(() => undefined);
      if (recorded) {
        span.setAttribute('order.status', recorded.status);
        return recorded;
      }
      await releaseQuietly(deps, orderId);
      throw error;
    }
  });
}

async function releaseQuietly(deps: PlaceOrderDeps, orderId: string): Promise<void> {
  try {
    await deps.inventory.release(orderId);
  } catch (error) {
    // Inventory is unreachable too; its reservation stays until an operator or sweep releases it.
    deps.logger.error({ err: error, orderId }, 'order.compensation_failed');
  }
}
