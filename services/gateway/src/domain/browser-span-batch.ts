import { z } from 'zod';

// Only what the relay judges; everything else in the batch passes on untouched.
const OtlpJsonBatch = z.object({
  resourceSpans: z.array(
    z.object({
      resource: z.object({ attributes: z.array(z.object({ key: z.string(), value: z.unknown() })).optional() }).optional(),
      scopeSpans: z.array(z.object({ spans: z.array(z.object({ traceId: z.string() })).optional() })).optional(),
    }),
  ),
});

const TRACE_ID = /^[0-9a-f]{32}$/;

/** Why a batch was refused, named after the part of it that was wrong. */
export type BatchRefusal = 'not_otlp' | 'too_many_spans' | 'service.name' | 'traceId';

export type BatchVerdict = { accepted: true; spanCount: number } | { accepted: false; reason: BatchRefusal; message: string; spanCount: number };

export interface BrowserSpanRules {
  /** The one `service.name` the page exports under. */
  serviceName: string;
  /** Every trace id must start with it: the page's session made the trace. */
  traceIdPrefix: string;
  maxSpans: number;
}

const serviceNameOf = (attributes: { key: string; value: unknown }[] = []) => {
  const value = attributes.find((attribute) => attribute.key === 'service.name')?.value as { stringValue?: unknown } | undefined;
  return typeof value?.stringValue === 'string' ? value.stringValue : undefined;
};

/**
 * Whether a batch of the page's spans (OTLP/JSON) may go on to the collector. All or nothing:
 * one span from another service or another trace refuses the whole batch.
 */
export function judgeBrowserSpans(batch: unknown, rules: BrowserSpanRules): BatchVerdict {
  const parsed = OtlpJsonBatch.safeParse(batch);
  if (!parsed.success) return { accepted: false, reason: 'not_otlp', message: 'the body is not an OTLP/JSON trace export', spanCount: 0 };
  const resources = parsed.data.resourceSpans;
  const spans = resources.flatMap((resource) => (resource.scopeSpans ?? []).flatMap((scope) => scope.spans ?? []));
  const spanCount = spans.length;
  if (spanCount > rules.maxSpans) return { accepted: false, reason: 'too_many_spans', message: `a batch may hold at most ${rules.maxSpans} spans`, spanCount };
  const names = resources.map((resource) => serviceNameOf(resource.resource?.attributes));
  const foreign = names.findIndex((name) => name !== rules.serviceName);
  if (foreign >= 0) return { accepted: false, reason: 'service.name', message: `only ${rules.serviceName} spans are relayed, not ${names[foreign]?.slice(0, 64) ?? 'spans without a service.name'}`, spanCount };
  const foreignTrace = spans.find((span) => !(TRACE_ID.test(span.traceId) && span.traceId.startsWith(rules.traceIdPrefix)));
  if (foreignTrace) return { accepted: false, reason: 'traceId', message: `trace ${foreignTrace.traceId.slice(0, 32)} did not start on this page`, spanCount };
  return { accepted: true, spanCount };
}
