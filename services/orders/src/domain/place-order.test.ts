import { describe, expect, it } from 'vitest';
import { EVENTS, OrderPlaced } from '@tracebed/contracts';
import { createRecordingFaults } from '@tracebed/faults';
import { AppError, upstreamUnavailable } from '@tracebed/platform';
import { createInMemoryOrderStore } from './fakes/in-memory-order-store';
import { placeOrder, type PlaceOrderRequest } from './place-order';
import type { InventoryGateway, RequestedLine, StockReservation } from './ports';
import { createRecordingLogger } from './fakes/recording-logger';

const PRICES: Record<string, number> = { 'MUG-SPAN': 1_200, 'TEE-TRACE': 1_900 };

const REQUEST: PlaceOrderRequest = {
  items: [
    { sku: 'MUG-SPAN', quantity: 2 },
    { sku: 'TEE-TRACE', quantity: 1 },
  ],
  cardLast4: '4242',
};

interface FakeInventory extends InventoryGateway {
  readonly reservations: { orderId: string; lines: RequestedLine[] }[];
  readonly releases: string[];
}

/** Inventory as orders sees it: prices every line, or refuses with `refuseWith`; remembers each call. */
function createFakeInventory(behaviour: { refuseWith?: Error; releaseFailsWith?: Error } = {}): FakeInventory {
  const reservations: FakeInventory['reservations'] = [];
  const releases: string[] = [];
  return {
    reservations,
    releases,
    async reserve(orderId, lines): Promise<StockReservation> {
      reservations.push({ orderId, lines });
      if (behaviour.refuseWith) throw behaviour.refuseWith;
      const priced = lines.map((line) => ({ ...line, unitPriceCents: PRICES[line.sku] ?? 100 }));
      return { lines: priced, totalCents: priced.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0) };
    },
    async release(orderId) {
      releases.push(orderId);
      if (behaviour.releaseFailsWith) throw behaviour.releaseFailsWith;
    },
  };
}

function setUp(options: { inventory?: FakeInventory; faults?: ReturnType<typeof createRecordingFaults> } = {}) {
  const store = createInMemoryOrderStore();
  const inventory = options.inventory ?? createFakeInventory();
  const faults = options.faults ?? createRecordingFaults();
  const { logger, events: logged } = createRecordingLogger();
  const deps = { store, inventory, logger, faults };
  return { deps, store, inventory, faults, logged };
}

describe('placeOrder', () => {
  describe('when inventory reserves the stock', () => {
    it('records a pending order with the reserved lines, their total and the card, and returns it', async () => {
      const { deps, store } = setUp();

      const order = await placeOrder(deps, REQUEST);

      expect(order).toMatchObject({
        status: 'pending',
        totalCents: 2 * 1_200 + 1_900,
        currency: 'EUR',
        cardLast4: '4242',
        rejectionReason: null,
        items: [
          { sku: 'MUG-SPAN', quantity: 2, unitPriceCents: 1_200 },
          { sku: 'TEE-TRACE', quantity: 1, unitPriceCents: 1_900 },
        ],
      });
      expect(store.orders.get(order.id)).toEqual(order);
    });

    it('reserves under the id the order is recorded with', async () => {
      const { deps, inventory } = setUp();

      const order = await placeOrder(deps, REQUEST);

      expect(inventory.reservations).toEqual([{ orderId: order.id, lines: REQUEST.items }]);
    });

    it('writes one order.placed event with the order that the OrderPlaced contract accepts', async () => {
      const { deps, store } = setUp();

      const order = await placeOrder(deps, REQUEST);

      expect(store.outbox).toHaveLength(1);
      const [event] = store.outbox;
      expect(event).toMatchObject({ routingKey: EVENTS.orderPlaced, messageId: `order-placed-${order.id}` });
      expect(OrderPlaced.parse(event!.payload)).toMatchObject({ orderId: order.id, amountCents: 4_300, currency: 'EUR', cardLast4: '4242' });
    });

    it('gives every order an id of its own', async () => {
      const { deps } = setUp();

      const first = await placeOrder(deps, REQUEST);
      const second = await placeOrder(deps, REQUEST);

      expect(first.id).not.toBe(second.id);
    });

    it('releases nothing', async () => {
      const { deps, inventory } = setUp();

      await placeOrder(deps, REQUEST);

      expect(inventory.releases).toEqual([]);
    });
  });

  describe('when stock is short', () => {
    const outOfStock = () => new AppError('OUT_OF_STOCK', 'not enough stock for MUG-SPAN', 409);

    it('answers OUT_OF_STOCK 409 and publishes nothing', async () => {
      const { deps, store } = setUp({ inventory: createFakeInventory({ refuseWith: outOfStock() }) });

      await expect(placeOrder(deps, REQUEST)).rejects.toMatchObject({ code: 'OUT_OF_STOCK', status: 409 });

      expect(store.outbox).toEqual([]);
    });

    it("records the order as rejected with inventory's reason, no lines and no total", async () => {
      const { deps, store, inventory } = setUp({ inventory: createFakeInventory({ refuseWith: outOfStock() }) });

      await placeOrder(deps, REQUEST).catch(() => undefined);

      expect([...store.orders.values()]).toEqual([
        expect.objectContaining({
          id: inventory.reservations[0]!.orderId,
          status: 'rejected',
          rejectionReason: 'not enough stock for MUG-SPAN',
          totalCents: 0,
          cardLast4: '4242',
          items: [],
        }),
      ]);
    });

    it('releases nothing, since inventory reserved nothing', async () => {
      const { deps, inventory } = setUp({ inventory: createFakeInventory({ refuseWith: outOfStock() }) });

      await placeOrder(deps, REQUEST).catch(() => undefined);

      expect(inventory.releases).toEqual([]);
    });

    it('when the rejection cannot be recorded either, answers with the storage error and releases nothing', async () => {
      const { deps, store, inventory } = setUp({ inventory: createFakeInventory({ refuseWith: outOfStock() }) });
      const storageDown = new Error('connection terminated');
      store.failNext('createRejected', storageDown);

      await expect(placeOrder(deps, REQUEST)).rejects.toBe(storageDown);

      expect(store.orders.size).toBe(0);
      expect(inventory.releases).toEqual([]);
    });
  });

  describe('when inventory rejects the request as invalid', () => {
    it('passes UNKNOWN_SKU 422 on, and records, releases and publishes nothing', async () => {
      const unknownSku = new AppError('UNKNOWN_SKU', 'unknown SKU: NOPE', 422);
      const { deps, store, inventory } = setUp({ inventory: createFakeInventory({ refuseWith: unknownSku }) });

      await expect(placeOrder(deps, REQUEST)).rejects.toBe(unknownSku);

      expect(store.orders.size).toBe(0);
      expect(store.outbox).toEqual([]);
      expect(inventory.releases).toEqual([]);
    });
  });

  describe('when inventory is unavailable', () => {
    it('releases the order in case inventory reserved before failing, and passes UPSTREAM_UNAVAILABLE 503 on', async () => {
      const { deps, store, inventory } = setUp({ inventory: createFakeInventory({ refuseWith: upstreamUnavailable('inventory did not answer') }) });

      await expect(placeOrder(deps, REQUEST)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });

      expect(inventory.releases).toEqual([inventory.reservations[0]!.orderId]);
      expect(store.orders.size).toBe(0);
      expect(store.outbox).toEqual([]);
    });

    it('releases too when the call fails without any answer, and passes that error on', async () => {
      const socketClosed = new Error('socket hang up');
      const { deps, inventory } = setUp({ inventory: createFakeInventory({ refuseWith: socketClosed }) });

      await expect(placeOrder(deps, REQUEST)).rejects.toBe(socketClosed);

      expect(inventory.releases).toEqual([inventory.reservations[0]!.orderId]);
    });

    it("when the release fails as well, logs order.compensation_failed and still answers with inventory's error", async () => {
      const unavailable = upstreamUnavailable('inventory did not answer');
      const releaseFailed = new Error('connect ECONNREFUSED');
      const { deps, inventory, logged } = setUp({ inventory: createFakeInventory({ refuseWith: unavailable, releaseFailsWith: releaseFailed }) });

      await expect(placeOrder(deps, REQUEST)).rejects.toBe(unavailable);

      expect(logged).toEqual([
        { level: 'error', event: 'order.compensation_failed', fields: { err: releaseFailed, orderId: inventory.reservations[0]!.orderId } },
      ]);
    });
  });

  describe('when the order cannot be recorded after the stock was reserved', () => {
    it('releases the reservation, passes the storage error on, and publishes nothing', async () => {
      const { deps, store, inventory } = setUp();
      const storageDown = new Error('connection terminated');
      store.failNext('createPending', storageDown);

      await expect(placeOrder(deps, REQUEST)).rejects.toBe(storageDown);

      expect(inventory.releases).toEqual([inventory.reservations[0]!.orderId]);
      expect(store.orders.size).toBe(0);
      expect(store.outbox).toEqual([]);
    });

    it('when the commit went through but its answer was lost, keeps the reservation and answers with the recorded order', async () => {
      const { deps, store, inventory } = setUp();
      store.loseCommitAnswerNext(new Error('connection terminated'));

      const order = await placeOrder(deps, REQUEST);

      expect(order).toMatchObject({ status: 'pending', totalCents: 4_300 });
      expect(inventory.releases).toEqual([]);
      expect(store.outbox.map((event) => event.routingKey)).toEqual([EVENTS.orderPlaced]);
    });

    it('when the release fails too, logs order.compensation_failed and answers with the storage error', async () => {
      const releaseFailed = new Error('connect ECONNREFUSED');
      const { deps, store, inventory, logged } = setUp({ inventory: createFakeInventory({ releaseFailsWith: releaseFailed }) });
      const storageDown = new Error('connection terminated');
      store.failNext('createPending', storageDown);

      await expect(placeOrder(deps, REQUEST)).rejects.toBe(storageDown);

      expect(logged).toEqual([
        { level: 'error', event: 'order.compensation_failed', fields: { err: releaseFailed, orderId: inventory.reservations[0]!.orderId } },
      ]);
    });
  });

  describe('when a fault is injected', () => {
    it('asks at orders.place before reserving', async () => {
      const { deps, faults } = setUp();

      await placeOrder(deps, REQUEST);

      expect(faults.asked).toEqual(['orders.place']);
    });

    it('fails with the fault before touching inventory or the store', async () => {
      const injected = new Error('fault injected at orders.place: error');
      const { deps, store, inventory } = setUp({ faults: createRecordingFaults(injected) });

      await expect(placeOrder(deps, REQUEST)).rejects.toBe(injected);

      expect(inventory.reservations).toEqual([]);
      expect(inventory.releases).toEqual([]);
      expect(store.orders.size).toBe(0);
    });
  });
});
