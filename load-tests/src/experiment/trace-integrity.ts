import { checkTraceIntegrity, type IntegrityReport, type PlacedOrder } from '@tracebed/testkit';
import type { JourneySample } from '../recorder';
import type { Phase } from './phases';

/**
 * The accepted orders' traces, judged. Every trace must have one root, no orphans, and no
 * span naming another order. Faults change a trace's spans by design (retries, errors), so
 * only orders placed before the first fault are held to one shape per final status.
 */
export function experimentTraceIntegrity(journeys: readonly JourneySample[], phases: readonly Phase[], jaegerUrl: string): Promise<IntegrityReport> {
  const before = phases.find((phase) => phase.name === 'before');
  const orders: PlacedOrder[] = journeys
    .filter((journey) => journey.accepted && journey.orderId)
    .map((journey) => ({
      orderId: journey.orderId!,
      traceId: journey.traceId,
      shape: before && journey.atMs < before.toMs && journey.finalStatus ? `before the faults, ${journey.finalStatus}` : undefined,
    }));
  return checkTraceIntegrity(jaegerUrl, orders);
}
