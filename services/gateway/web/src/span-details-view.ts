// One span in full, opened from a row of the waterfall: where it sits, how long it took by
// itself and on the critical path, its attributes and its events.
import type { SpanEvent, WaterfallSpan } from './api';
import { element, formatMs } from './dom';

const share = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '0%');
const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A definition list of name → value pairs, sorted by name. */
function pairs(className: string, entries: [string, unknown][]): HTMLDListElement {
  const list = element('dl', className);
  for (const [name, value] of entries.sort(([a], [b]) => a.localeCompare(b))) list.append(element('dt', '', name), element('dd', '', show(value)));
  return list;
}

function facts(span: WaterfallSpan): HTMLDListElement {
  const status = `${span.status.code}${span.status.message ? `: ${span.status.message}` : ''}`;
  const critical = span.critical ? `${formatMs(span.criticalMs)} (${share(span.criticalMs, span.durationMs)}) of its own time on the path` : 'no: the end of its root did not wait for it';
  const list = element('dl', 'span-facts');
  for (const [name, value] of [
    ['Kind', span.kind ?? 'unknown'],
    ['Status', status],
    ['Starts at', formatMs(span.offsetMs)],
    ['Duration', formatMs(span.durationMs)],
    ['Self time', `${formatMs(span.selfTimeMs)} (${share(span.selfTimeMs, span.durationMs)}): no child running`],
    ['Critical path', critical],
  ]) {
    list.append(element('dt', '', name), element('dd', '', value));
  }
  return list;
}

function eventItem(event: SpanEvent): HTMLLIElement {
  const item = element('li', 'span-event');
  item.append(element('strong', '', event.name), document.createTextNode(` at ${formatMs(event.offsetMs)}`));
  const attributes = Object.entries(event.attributes);
  if (attributes.length) item.append(pairs('span-attributes', attributes));
  return item;
}

function omissions(span: WaterfallSpan): string {
  const { attributes, events, eventAttributes, links } = span.omitted;
  const parts = [attributes && `${attributes} attributes`, events && `${events} events`, eventAttributes && `${eventAttributes} event attributes`, links && `${links} links`].filter(Boolean);
  return parts.length ? `Left out here to keep the page light (Jaeger has them): ${parts.join(', ')}. Long values are cut.` : '';
}

/** Fills `panel` with the details of `span` and moves focus into it; Close or Escape calls `close`. */
export function showSpanDetails(panel: HTMLElement, span: WaterfallSpan, close: () => void): void {
  const heading = element('h4', '', `${span.service}: ${span.name}`);
  const closeButton = element('button', 'close-details', 'Close');
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', 'Close the span details');
  closeButton.addEventListener('click', close);
  const attributes = Object.entries(span.attributes);
  const events = element('ol', 'span-events');
  events.append(...span.events.map(eventItem));
  panel.replaceChildren(
    heading,
    closeButton,
    facts(span),
    element('h5', '', 'Attributes'),
    attributes.length ? pairs('span-attributes', attributes) : element('p', 'message', 'none'),
    element('h5', '', 'Events'),
    span.events.length ? events : element('p', 'message', 'none'),
    ...(span.links.length ? [element('h5', '', 'Links'), pairs('span-links', span.links.map((link) => [link.type, `span ${link.spanId} of trace ${link.traceId}`]))] : []),
  );
  const omitted = omissions(span);
  if (omitted) panel.append(element('p', 'message', omitted));
  panel.dataset.spanId = span.spanId;
  // A property, not a listener: the panel is reused for every span.
  panel.onkeydown = (event) => {
    if (event.key === 'Escape') close();
  };
  panel.hidden = false;
  // The panel sits below a long list: focus brings it into view, and keyboard users into it.
  closeButton.focus();
}
