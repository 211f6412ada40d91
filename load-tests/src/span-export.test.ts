import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TraceFlags } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { KeptSpanExporter } from './fakes/kept-spans';
import { createSpanExport } from './span-export';

/** An OTLP/HTTP endpoint on port 0 that answers `status` and keeps what it was sent. */
async function startCollector(status: number) {
  const bodies: { path: string; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString() });
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: one the system gave out and took back. */
async function closedPort(): Promise<number> {
  const collector = await startCollector(200);
  await collector.close();
  return Number(new URL(collector.endpoint).port);
}

describe('the generator span export', () => {
  it('sends the spans still waiting for their batch when closed, and counts them exported', async () => {
    const memory = new KeptSpanExporter();
    const spans = createSpanExport({ exporter: memory, scheduledDelayMs: 60_000 });
    for (let i = 0; i < 3; i += 1) spans.tracer.startSpan(`span ${i}`).end();
    expect(memory.getFinishedSpans()).toHaveLength(0);
    expect(await spans.close()).toEqual({ exported: 3, failed: 0 });
    expect(memory.getFinishedSpans().map((span) => span.name)).toEqual(['span 0', 'span 1', 'span 2']);
  });

  it('names the runner load-generator in the spans’ resource, unless told another name', async () => {
    const [first, second] = [new KeptSpanExporter(), new KeptSpanExporter()];
    const named = createSpanExport({ exporter: first });
    named.tracer.startSpan('one').end();
    await named.close();
    const renamed = createSpanExport({ exporter: second, serviceName: 'bench-runner' });
    renamed.tracer.startSpan('two').end();
    await renamed.close();
    expect([...first.getFinishedSpans(), ...second.getFinishedSpans()].map((span) => span.resource.attributes['service.name'])).toEqual(['load-generator', 'bench-runner']);
  });

  it('counts the spans of a batch the collector refused as failed, and still closes', async () => {
    const refusing: SpanExporter = { export: (_spans, done) => done({ code: ExportResultCode.FAILED, error: new Error('refused') }), shutdown: () => Promise.resolve() };
    const spans = createSpanExport({ exporter: refusing });
    spans.tracer.startSpan('lost').end();
    spans.tracer.startSpan('lost too').end();
    expect(await spans.close()).toEqual({ exported: 0, failed: 2 });
  });

  it('sends OTLP/HTTP to <endpoint>/v1/traces, with the service name and the span in the body', async () => {
    const collector = await startCollector(200);
    const spans = createSpanExport({ endpoint: collector.endpoint });
    const span = spans.tracer.startSpan('POST place_order');
    span.end();
    expect(await spans.close()).toEqual({ exported: 1, failed: 0 });
    await collector.close();
    expect(collector.bodies.map((request) => request.path)).toEqual(['/v1/traces']);
    expect(collector.bodies[0]!.body).toContain('"load-generator"');
    expect(collector.bodies[0]!.body).toContain(span.spanContext().spanId);
  });

  it('closes within seconds, counting its spans failed, when no collector listens', async () => {
    const spans = createSpanExport({ endpoint: `http://127.0.0.1:${await closedPort()}` });
    spans.tracer.startSpan('unsent').end();
    const startedAt = Date.now();
    expect(await spans.close()).toEqual({ exported: 0, failed: 1 });
    expect(Date.now() - startedAt).toBeLessThan(8_000);
  }, 15_000);

  it('without an endpoint still makes sampled spans, whose ids go in traceparent, and exports none', async () => {
    const spans = createSpanExport({ endpoint: undefined });
    const span = spans.tracer.startSpan('GET list_products');
    span.end();
    expect(span.spanContext().traceFlags & TraceFlags.SAMPLED).toBe(TraceFlags.SAMPLED);
    expect(await spans.close()).toEqual({ exported: 0, failed: 0 });
  });
});
