import { randomBytes } from 'node:crypto';

export interface PageSession {
  /** The Cookie header the browser sends back. */
  cookie: string;
  /** The trace-id prefix the gateway gave the page. */
  prefix: string;
  /** A new trace id as the page makes one. */
  newTraceId(): string;
}

/** Loads the shop page as a browser would, keeping the cookies it sets. */
export async function openPageSession(gatewayUrl: string): Promise<PageSession> {
  const response = await fetch(new URL('/', gatewayUrl));
  await response.body?.cancel();
  const pairs = response.headers.getSetCookie().map((line) => line.split(';')[0]!);
  const prefix = pairs.find((pair) => pair.startsWith('tracebed_trace_prefix='))?.split('=')[1];
  if (!prefix || pairs.length !== 2) throw new Error(`the page set no session: ${JSON.stringify(pairs)}`);
  return { cookie: pairs.join('; '), prefix, newTraceId: () => prefix + randomBytes(8).toString('hex') };
}

/** A batch of spans in OTLP/JSON, as the page's exporter sends it; `pad` adds an attribute of that many characters to each span. */
export function otlpBatch(spans: { traceId: string; name: string }[], serviceName = 'shop-web', pad = 0) {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: 'relay-check' },
            spans: spans.map(({ traceId, name }) => ({
              traceId,
              spanId: randomBytes(8).toString('hex'),
              name,
              kind: 1,
              startTimeUnixNano: String(nowNs),
              endTimeUnixNano: String(nowNs + 5_000_000n),
              attributes: pad ? [{ key: 'relay.pad', value: { stringValue: 'x'.repeat(pad) } }] : [],
            })),
          },
        ],
      },
    ],
  };
}

/** Posts a batch to the relay with the session's cookies (or none). */
export const postSpans = (gatewayUrl: string, body: unknown, session?: PageSession, contentType = 'application/json') =>
  fetch(new URL('/otlp/v1/traces', gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': contentType, ...(session ? { cookie: session.cookie } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
