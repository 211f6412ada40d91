import { settledTraces, type SettleOptions } from './settled-traces';
import { judgeTraces, type IntegrityReport, type PlacedOrder } from './trace-integrity';

/** Reads the orders' traces from Jaeger once they have settled, and judges them. */
export async function checkTraceIntegrity(jaegerUrl: string, orders: readonly PlacedOrder[], options: SettleOptions = {}): Promise<IntegrityReport> {
  const traces = await settledTraces(jaegerUrl, [...new Set(orders.map((order) => order.traceId))], options);
  return judgeTraces(orders, traces);
}
