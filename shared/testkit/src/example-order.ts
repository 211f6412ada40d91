/**
 * One order as both the orders service and the public API describe it (pending, two mugs, one
 * trace), for tests that hold an order view or fake its upstream: each adds the fields of its own.
 */
export const EXAMPLE_ORDER = {
  orderId: '3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  status: 'pending',
  totalCents: 2_400,
  currency: 'EUR',
  cardLast4: '4242',
  rejectionReason: null,
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  items: [{ sku: 'MUG-SPAN', quantity: 2, unitPriceCents: 1_200 }],
  createdAt: '2026-12-07T16:45:12.345678+00:00',
  updatedAt: '2026-12-07T16:45:12.345678+00:00',
};
