/**
 * The ids order messages are published under. Consumers deduplicate on them, so the same fact
 * always gets the same id and a new request a new one; nothing else spells these strings.
 */

/** An order's payment request; asked again, its n-th sending gets an id of its own. */
export function orderPlacedMessageId(orderId: string, request = 1): string {
  return request === 1 ? `order-placed-${orderId}` : `order-placed-${orderId}-${request}`;
}

/** An order's one settlement, whatever its outcome: paid, declined or timed out. */
export function orderSettledMessageId(orderId: string): string {
  return `order-settled-${orderId}`;
}
