import type { SpanEvent } from './jaeger-trace';
import type { Waterfall, WaterfallRow } from './waterfall';

/** Bounds on a span's details, for answers that must stay small (the gateway's trace lookup). */
export interface DetailLimits {
  /** Longer string values are cut, ending in `…`. */
  maxValueLength: number;
  /** Attributes per span and per event; the rest are counted in `omitted`. */
  maxAttributes: number;
  /** Events, links and warnings per span; the rest are counted in `omitted`. */
  maxListItems: number;
}

const UNBOUNDED: DetailLimits = { maxValueLength: Infinity, maxAttributes: Infinity, maxListItems: Infinity };

const toMs = (us: number) => us / 1_000;

function boundedValue(value: unknown, limits: DetailLimits): unknown {
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || value === null ? undefined : JSON.stringify(value);
  if (text === undefined) return value;
  return text.length > limits.maxValueLength ? `${text.slice(0, limits.maxValueLength)}…` : text;
}

/** Attributes sorted by key, the first `maxAttributes` of them kept. */
function boundedAttributes(attributes: Record<string, unknown>, limits: DetailLimits): { kept: Record<string, unknown>; omitted: number } {
  const keys = Object.keys(attributes).sort();
  const kept = Object.fromEntries(keys.slice(0, limits.maxAttributes).map((key) => [key, boundedValue(attributes[key], limits)]));
  return { kept, omitted: Math.max(0, keys.length - limits.maxAttributes) };
}

function eventsJson(events: SpanEvent[], traceStartUs: number, limits: DetailLimits) {
  let omittedAttributes = 0;
  const kept = events.slice(0, limits.maxListItems).map((event) => {
    const attributes = boundedAttributes(event.attributes, limits);
    omittedAttributes += attributes.omitted;
    return { name: String(boundedValue(event.name, limits)), timeUs: event.timeUs, offsetMs: toMs(event.timeUs - traceStartUs), attributes: attributes.kept };
  });
  return { kept, omitted: Math.max(0, events.length - kept.length), omittedAttributes };
}

function spanJson(row: WaterfallRow, traceStartUs: number, limits: DetailLimits) {
  const { span } = row;
  const attributes = boundedAttributes(span.attributes, limits);
  const events = eventsJson(span.events, traceStartUs, limits);
  return {
    spanId: span.spanId,
    parentId: span.parentId ?? null,
    service: span.service,
    name: span.name,
    kind: span.kind ?? null,
    depth: row.depth,
    offsetMs: toMs(row.offsetUs),
    durationMs: toMs(span.durationUs),
    selfTimeMs: toMs(row.selfTimeUs),
    error: span.isError,
    status: { code: span.status.code, message: span.status.message === undefined ? null : String(boundedValue(span.status.message, limits)) },
    critical: row.critical,
    criticalMs: toMs(row.criticalUs),
    criticalSections: row.criticalSections.map((section) => ({ offsetMs: toMs(section.startUs - traceStartUs), durationMs: toMs(section.endUs - section.startUs) })),
    orphan: row.orphan,
    attributes: attributes.kept,
    events: events.kept,
    links: span.links.slice(0, limits.maxListItems),
    warnings: span.warnings.slice(0, limits.maxListItems).map((warning) => String(boundedValue(warning, limits))),
    omitted: {
      attributes: attributes.omitted,
      events: events.omitted,
      eventAttributes: events.omittedAttributes,
      links: Math.max(0, span.links.length - limits.maxListItems),
    },
  };
}

export type WaterfallSpanJson = ReturnType<typeof spanJson>;

/**
 * The waterfall for machines: one object per span, in display order, with its details. Times
 * are milliseconds; `offsetMs` counts from the start of the trace.
 */
export function waterfallJson(waterfall: Waterfall, limits: DetailLimits = UNBOUNDED) {
  return {
    traceId: waterfall.traceId,
    durationMs: toMs(waterfall.durationUs),
    services: waterfall.services,
    spans: waterfall.rows.map((row) => spanJson(row, waterfall.startUs, limits)),
  };
}
