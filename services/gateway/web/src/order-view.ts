// The "Your order" panel: the order's live status, the link to its trace in Jaeger, and the
// trace itself as a compact waterfall read through the gateway.
import { ApiError, shopApi, TERMINAL_STATUSES, type Order, type TraceWaterfall } from './api';
import { formatPrice } from './cart';
import { renderWaterfall } from './waterfall-view';

const POLL_INTERVAL_MS = 700;
const STATUS_DEADLINE_MS = 90_000;
const TRACE_DEADLINE_MS = 15_000;

// The panel follows one order at a time: placing another stops following the previous one.
let followed = 0;

const STATUS_TEXT: Record<string, string> = {
  pending: 'waiting for payment…',
  paid: 'paid',
  payment_failed: 'payment failed',
  rejected: 'rejected',
};

const orderPanel = () => document.getElementById('order') as HTMLDivElement;
const tracePanel = () => document.getElementById('trace') as HTMLDivElement;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function line(label: string, value: string | Node, testId?: string): HTMLParagraphElement {
  const paragraph = document.createElement('p');
  const name = document.createElement('strong');
  name.textContent = `${label}: `;
  const content = document.createElement('span');
  if (testId) content.id = testId;
  content.append(value);
  paragraph.append(name, content);
  return paragraph;
}

function jaegerLink(order: Order): Node {
  if (!order.links.trace) return document.createTextNode('no trace id');
  const link = document.createElement('a');
  link.href = order.links.trace;
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = 'View this trace in Jaeger';
  return link;
}

function showOrder(order: Order): void {
  const status = line('Status', STATUS_TEXT[order.status] ?? order.status, 'order-status');
  status.dataset.status = order.status;
  const rows = [line('Order', order.orderId, 'order-id'), status, line('Total', formatPrice(order.totalCents)), line('Trace', order.traceId ?? '—', 'trace-id'), line('Jaeger', jaegerLink(order))];
  if (order.rejectionReason) rows.splice(2, 0, line('Reason', order.rejectionReason));
  orderPanel().replaceChildren(...rows);
}

/** The API refused the order: say why, with the trace id of the refusal. */
export function showOrderProblem(problem: ApiError): void {
  const rows = [line('Not placed', `${problem.message} (${problem.code}, HTTP ${problem.status})`, 'order-problem')];
  if (problem.traceId) rows.push(line('Trace', problem.traceId, 'trace-id'));
  orderPanel().replaceChildren(...rows);
  tracePanel().replaceChildren();
  const ticket = ++followed;
  if (problem.traceId) void showTrace(problem.traceId, () => ticket === followed);
}

/** Jaeger holds spans as they arrive: wait until two reads in a row see the same trace. */
async function settledTrace(traceId: string): Promise<TraceWaterfall | undefined> {
  const deadline = Date.now() + TRACE_DEADLINE_MS;
  let previous: TraceWaterfall | undefined;
  while (Date.now() < deadline) {
    try {
      const current = await shopApi.getTrace(traceId);
      if (previous && previous.spans.length === current.spans.length) return current;
      previous = current;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    await sleep(1_000);
  }
  return previous;
}

async function showTrace(traceId: string, stillWanted: () => boolean = () => true): Promise<void> {
  const panel = tracePanel();
  const heading = document.createElement('h3');
  heading.textContent = 'This order’s trace';
  const note = document.createElement('p');
  note.className = 'message';
  note.textContent = 'Reading the trace from Jaeger…';
  panel.replaceChildren(heading, note);
  try {
    const trace = await settledTrace(traceId);
    if (!stillWanted()) return;
    if (!trace) {
      note.textContent = 'Jaeger has no spans of this trace yet. Is Jaeger running?';
      return;
    }
    const body = document.createElement('div');
    renderWaterfall(body, trace);
    const refresh = document.createElement('button');
    refresh.type = 'button';
    refresh.textContent = 'Read the trace again';
    refresh.addEventListener('click', () => void showTrace(traceId));
    panel.replaceChildren(heading, body, refresh);
  } catch (error) {
    note.textContent = `Could not read the trace: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Shows the order, polls its status until it is final, then shows its trace. */
export async function followOrder(placed: Order): Promise<void> {
  const ticket = ++followed;
  const stillFollowed = () => ticket === followed;
  let order = placed;
  showOrder(order);
  tracePanel().replaceChildren();
  const deadline = Date.now() + STATUS_DEADLINE_MS;
  while (!TERMINAL_STATUSES.includes(order.status) && Date.now() < deadline) {
    await sleep(POLL_INTERVAL_MS);
    if (!stillFollowed()) return;
    try {
      order = await shopApi.getOrder(order.orderId);
      if (stillFollowed()) showOrder(order);
    } catch {
      // A failed poll (a restart, an injected fault) is not the order's fate: try again.
    }
  }
  if (order.traceId && stillFollowed()) await showTrace(order.traceId, stillFollowed);
}
