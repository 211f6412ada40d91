// The order's trace as a compact waterfall: one row per span, indented by parent, with a bar
// placed in time. Built with DOM calls only (no innerHTML), since span names come from the network.
import type { TraceWaterfall, WaterfallSpan } from './api';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Span events worth a mark in a compact view; the browser's resource timings are not.
const MARKED_EVENTS = new Set(['fault.injected', 'exception']);

const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);

function describeSpan(span: WaterfallSpan): string {
  const marks = [span.error ? 'error' : '', span.critical ? 'on the critical path' : '', ...span.events.filter((event) => MARKED_EVENTS.has(event))].filter(Boolean);
  return `${span.service}: ${span.name}, starts at ${formatMs(span.offsetMs)}, lasts ${formatMs(span.durationMs)}${marks.length ? `, ${marks.join(', ')}` : ''}`;
}

function spanRow(span: WaterfallSpan, totalMs: number): HTMLLIElement {
  const row = element('li', `span-row service-${span.service.replace(/[^a-z0-9-]/gi, '')}`);
  row.dataset.spanId = span.spanId;
  row.dataset.service = span.service;
  row.setAttribute('aria-label', describeSpan(span));
  row.title = describeSpan(span);
  if (span.error) row.classList.add('is-error');
  if (span.critical) row.classList.add('is-critical');

  const label = element('span', 'span-label');
  label.style.paddingLeft = `${span.depth * 0.6}rem`;
  label.append(element('span', 'span-service', span.service), element('span', 'span-name', span.name));
  if (span.error) label.append(element('span', 'span-mark error-mark', '✖ error'));
  for (const event of span.events.filter((name) => MARKED_EVENTS.has(name))) label.append(element('span', 'span-mark event-mark', event));

  const lane = element('span', 'span-lane');
  const bar = element('span', 'span-bar');
  const scale = totalMs > 0 ? 100 / totalMs : 0;
  bar.style.left = `${Math.min(span.offsetMs * scale, 99.5)}%`;
  bar.style.width = `${Math.max(span.durationMs * scale, 0.5)}%`;
  lane.append(bar);

  row.append(label, lane, element('span', 'span-duration', formatMs(span.durationMs)));
  return row;
}

/** Replaces `container`'s content with the waterfall of `trace`. */
export function renderWaterfall(container: HTMLElement, trace: TraceWaterfall): void {
  const summary = element(
    'p',
    'waterfall-summary',
    `${trace.spans.length} spans across ${trace.services.join(', ')}, ${formatMs(trace.durationMs)} from first to last. ` +
      `Bold rows are the critical path: the spans the end of the trace waited for.`,
  );
  const list = element('ol', 'waterfall');
  list.setAttribute('aria-label', `Trace ${trace.traceId}`);
  list.dataset.traceId = trace.traceId;
  for (const span of trace.spans) list.append(spanRow(span, trace.durationMs));
  container.replaceChildren(summary, list);
}
