import type { Trace } from '@tracebed/trace-reading';

export const SHOP_SERVICES = ['gateway', 'orders', 'inventory', 'payments'] as const;

/** The services of the shop that have no span in the trace yet. */
export function servicesMissing(trace: Trace | undefined): string[] {
  const present = new Set(trace?.spans.map((span) => span.service) ?? []);
  return SHOP_SERVICES.filter((service) => !present.has(service));
}

/** Whole: the order is paid and every one of the four services has put its spans in the trace. */
export function isWholeOrderTrace(trace: Trace | undefined, orderStatus: string | undefined): boolean {
  return orderStatus === 'paid' && servicesMissing(trace).length === 0;
}
