// Larger bodies are not ours: not worth parsing on the hot path of every publish.
const MAX_PARSED_BYTES = 16 * 1024;

/**
 * `{ 'order.id': … }` for a message body that names its order (`orderId`), else `{}`.
 * Never throws: a body that is not JSON, or not ours, is the consumer's problem to report.
 */
export function orderIdOf(content: Buffer): { 'order.id'?: string } {
  if (content.length > MAX_PARSED_BYTES) return {};
  try {
    const body: unknown = JSON.parse(content.toString('utf8'));
    const orderId = typeof body === 'object' && body !== null ? (body as { orderId?: unknown }).orderId : undefined;
    return typeof orderId === 'string' && orderId.length > 0 && orderId.length <= 64 ? { 'order.id': orderId } : {};
  } catch {
    return {};
  }
}
