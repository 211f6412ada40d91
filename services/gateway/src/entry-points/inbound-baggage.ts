import { context, propagation, trace, type Baggage } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { RESERVED_BAGGAGE_PREFIX } from '@tracebed/faults';

/**
 * What the gateway keeps of the baggage a client sends, before anything else sees it.
 * Client baggage is passed on to every service this request reaches, and into the outbox, so it
 * is kept small: entries in the order received while they fit, the rest dropped whole (W3C
 * baggage lets a hop drop entries, never cut one). Keys under `tracebed.` are tracebed's own
 * (`tracebed.fault` carries per-request faults): a client never sets them.
 */
export const INBOUND_BAGGAGE_LIMITS = {
  entries: 8,
  keyLength: 64,
  valueLength: 256,
  /** key, value and metadata of all kept entries together, in characters. */
  totalLength: 1_024,
} as const;

export interface TrimmedBaggage {
  /** The entries kept; undefined when none is. */
  kept: Baggage | undefined;
  /** How many entries were dropped: reserved keys and entries beyond the limits. */
  dropped: number;
}

const isReserved = (key: string) => key.toLowerCase().startsWith(RESERVED_BAGGAGE_PREFIX);

export function trimInboundBaggage(baggage: Baggage, limits = INBOUND_BAGGAGE_LIMITS): TrimmedBaggage {
  let kept = propagation.createBaggage();
  let keptCount = 0;
  let totalLength = 0;
  let dropped = 0;
  for (const [key, entry] of baggage.getAllEntries()) {
    const length = key.length + entry.value.length + (entry.metadata?.toString().length ?? 0);
    const fits = key.length <= limits.keyLength && entry.value.length <= limits.valueLength && totalLength + length <= limits.totalLength;
    if (isReserved(key) || !fits || keptCount >= limits.entries) {
      dropped += 1;
      continue;
    }
    kept = kept.setEntry(key, entry);
    keptCount += 1;
    totalLength += length;
  }
  return { kept: keptCount > 0 ? kept : undefined, dropped };
}

/** Runs the rest of the request with the client's baggage trimmed; a drop is a span event. */
export function inboundBaggage(): RequestHandler {
  return (_request, _response, next) => {
    const active = context.active();
    const baggage = propagation.getBaggage(active);
    if (!baggage) return next();
    const { kept, dropped } = trimInboundBaggage(baggage);
    if (dropped === 0) return next();
    trace.getActiveSpan()?.addEvent('baggage.dropped', { 'baggage.dropped_entries': dropped, 'baggage.kept_entries': kept?.getAllEntries().length ?? 0 });
    context.with(kept ? propagation.setBaggage(active, kept) : propagation.deleteBaggage(active), next);
  };
}
