import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, StackContextManager, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectShape, UpstreamBadResponse } from './upstream-answer';

const memory = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: memory })] });
const contextManager = new StackContextManager();
const Stock = z.object({ sku: z.string(), stock: z.number().int() });

// expectShape runs synchronously: the stack context manager is enough to make a span active.
beforeAll(() => void context.setGlobalContextManager(contextManager.enable()));
afterAll(() => context.disable());

/** Runs expectShape inside a span of its own and returns what it threw and the ended span. */
function checkInSpan(answer: unknown) {
  const span = provider.getTracer('test').startSpan('GET /api/products');
  let thrown: unknown;
  try {
    context.with(trace.setSpan(context.active(), span), () => expectShape(Stock, 'inventory', answer));
  } catch (error) {
    thrown = error;
  }
  span.end();
  return { thrown, span: memory.getFinishedSpans().at(-1)! };
}

describe('an upstream answer checked against its contract', () => {
  it('is passed on as the schema has it when it fits', () => {
    expect(expectShape(Stock, 'inventory', { sku: 'MUG-SPAN', stock: 7, shelf: 'B2' })).toEqual({ sku: 'MUG-SPAN', stock: 7 });
  });

  it('when it does not fit, throws a 502 whose message names only the service', () => {
    const { thrown } = checkInSpan({ sku: 'MUG-SPAN', stock: 'seven' });
    expect(thrown).toBeInstanceOf(UpstreamBadResponse);
    expect(thrown).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', status: 502, message: 'inventory answered in an unexpected shape', details: undefined });
  });

  it('keeps which field was off on the error for the log, as path and zod message', () => {
    const { thrown } = checkInSpan({ sku: 'MUG-SPAN', stock: 'seven' });
    expect(thrown).toMatchObject({ upstream: 'inventory', issues: [{ path: 'stock', message: 'Invalid input: expected number, received string' }] });
  });

  it('records which field was off on the active span as an exception event', () => {
    const { span } = checkInSpan(null);
    const exception = span.events.find((event) => event.name === 'exception');
    expect(exception?.attributes).toMatchObject({ 'exception.type': 'UpstreamShapeMismatch' });
    expect(exception?.attributes?.['exception.message']).toMatch(/^inventory answered with a shape the gateway does not know: .*expected object, received null/s);
  });
});
