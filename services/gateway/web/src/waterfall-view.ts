// The order's trace as a compact waterfall: one row per span, indented by parent, with a bar
// placed in time. A row opens that span's details below the list. Built with DOM calls only
// (no innerHTML), since span names come from the network.
import type { TraceWaterfall, WaterfallSpan } from './api';
import { element, formatMs } from './dom';
import { showSpanDetails } from './span-details-view';

// Span events worth a mark in a compact view; the browser's resource timings are not.
const MARKED_EVENTS = new Set(['fault.injected', 'exception']);
const DETAILS_ID = 'span-details';

const markedEvents = (span: WaterfallSpan) => span.events.map((event) => event.name).filter((name) => MARKED_EVENTS.has(name));

function describeSpan(span: WaterfallSpan): string {
  const marks = [span.error ? 'error' : '', span.critical ? 'on the critical path' : '', ...markedEvents(span)].filter(Boolean);
  return `${span.service}: ${span.name}, starts at ${formatMs(span.offsetMs)}, lasts ${formatMs(span.durationMs)}, ${formatMs(span.selfTimeMs)} by itself${marks.length ? `, ${marks.join(', ')}` : ''}`;
}

function spanRow(span: WaterfallSpan, totalMs: number): HTMLLIElement {
  const row = element('li', `span-row service-${span.service.replace(/[^a-z0-9-]/gi, '')}`);
  row.dataset.spanId = span.spanId;
  row.dataset.service = span.service;
  row.title = describeSpan(span);
  if (span.error) row.classList.add('is-error');
  if (span.critical) row.classList.add('is-critical');

  // A real button: focusable, and Enter and Space click it, for keyboard and screen reader users.
  const label = element('button', 'span-label');
  label.type = 'button';
  label.setAttribute('aria-label', `${describeSpan(span)}. Show its details`);
  label.setAttribute('aria-controls', DETAILS_ID);
  label.setAttribute('aria-expanded', 'false');
  label.style.paddingLeft = `${span.depth * 0.6}rem`;
  label.append(element('span', 'span-service', span.service), element('span', 'span-name', span.name));
  if (span.error) label.append(element('span', 'span-mark error-mark', '✖ error'));
  for (const event of markedEvents(span)) label.append(element('span', 'span-mark event-mark', event));

  const lane = element('span', 'span-lane');
  const bar = element('span', 'span-bar');
  const scale = totalMs > 0 ? 100 / totalMs : 0;
  bar.style.left = `${Math.min(span.offsetMs * scale, 99.5)}%`;
  bar.style.width = `${Math.max(span.durationMs * scale, 0.5)}%`;
  lane.append(bar);

  row.append(label, lane, element('span', 'span-duration', formatMs(span.durationMs)), element('span', 'span-self', formatMs(span.selfTimeMs)));
  return row;
}

/** Opens the details of the span whose row was clicked; the row shows it is the one open. */
function openDetailsOnClick(list: HTMLOListElement, panel: HTMLElement, spans: Map<string, WaterfallSpan>): void {
  const select = (row: HTMLLIElement | undefined) => {
    for (const other of list.querySelectorAll<HTMLLIElement>('li.is-selected')) other.classList.remove('is-selected');
    for (const button of list.querySelectorAll('button[aria-expanded="true"]')) button.setAttribute('aria-expanded', 'false');
    row?.classList.add('is-selected');
    row?.querySelector('button')?.setAttribute('aria-expanded', 'true');
  };
  list.addEventListener('click', (event) => {
    const row = (event.target as Element).closest<HTMLLIElement>('li.span-row');
    const span = row && spans.get(row.dataset.spanId ?? '');
    if (!row || !span) return;
    select(row);
    showSpanDetails(panel, span, () => {
      select(undefined);
      panel.hidden = true;
      row.querySelector('button')?.focus();
    });
  });
}

/** Replaces `container`'s content with the waterfall of `trace` and a place for span details. */
export function renderWaterfall(container: HTMLElement, trace: TraceWaterfall): void {
  const summary = element(
    'p',
    'waterfall-summary',
    `${trace.spans.length} spans across ${trace.services.join(', ')}, ${formatMs(trace.durationMs)} from first to last. ` +
      `Bold rows are the critical path: what the first span waited for before it could end. Self time is a span's time with no child running. ` +
      `Choose a row to see that span's details.`,
  );
  const columns = element('p', 'waterfall-columns');
  columns.setAttribute('aria-hidden', 'true');
  columns.append(element('span', '', 'span'), element('span', '', 'timeline'), element('span', '', 'duration'), element('span', '', 'self'));
  const list = element('ol', 'waterfall');
  list.setAttribute('aria-label', `Trace ${trace.traceId}`);
  list.dataset.traceId = trace.traceId;
  for (const span of trace.spans) list.append(spanRow(span, trace.durationMs));
  const panel = element('section', 'span-details');
  panel.id = DETAILS_ID;
  panel.setAttribute('aria-label', 'Span details');
  panel.hidden = true;
  openDetailsOnClick(list, panel, new Map(trace.spans.map((span) => [span.spanId, span])));
  container.replaceChildren(summary, columns, list, panel);
}
