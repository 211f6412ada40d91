import type { PageSession } from './page-session';
import { otlpBatch, postSpans } from './page-session';

export interface FloodFigures {
  seconds: number;
  sentRequests: number;
  sentMb: number;
  acceptedRequests: number;
  acceptedMb: number;
  statuses: Record<number, number>;
}

/**
 * The hostile client's relay load: `concurrency` loops posting batches of well-formed page spans
 * (each a trace of its own under the session's prefix, padded to about `batchBytes`) for `durationMs`.
 */
export async function floodRelay(gatewayUrl: string, session: PageSession, options: { durationMs: number; concurrency: number; batchBytes: number; spansPerBatch: number }): Promise<FloodFigures> {
  const figures = { sentRequests: 0, sentBytes: 0, acceptedRequests: 0, acceptedBytes: 0, statuses: {} as Record<number, number> };
  const pad = Math.max(0, Math.floor(options.batchBytes / options.spansPerBatch) - 300);
  const started = Date.now();
  async function loop(): Promise<void> {
    while (Date.now() - started < options.durationMs) {
      const body = JSON.stringify(otlpBatch(Array.from({ length: options.spansPerBatch }, () => ({ traceId: session.newTraceId(), name: 'relay.flood' })), 'shop-web', pad));
      const response = await postSpans(gatewayUrl, body, session);
      await response.body?.cancel();
      figures.sentRequests += 1;
      figures.sentBytes += body.length;
      figures.statuses[response.status] = (figures.statuses[response.status] ?? 0) + 1;
      if (response.ok) {
        figures.acceptedRequests += 1;
        figures.acceptedBytes += body.length;
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;
  return { seconds: (Date.now() - started) / 1000, sentRequests: figures.sentRequests, sentMb: mb(figures.sentBytes), acceptedRequests: figures.acceptedRequests, acceptedMb: mb(figures.acceptedBytes), statuses: figures.statuses };
}
