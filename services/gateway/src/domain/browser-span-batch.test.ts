import { describe, expect, it } from 'vitest';
import { judgeBrowserSpans } from './browser-span-batch';

const PREFIX = '0123456789abcdef';
const rules = { serviceName: 'shop-web', traceIdPrefix: PREFIX, maxSpans: 3 };

function batch(...resources: { service?: string; traceIds: string[] }[]) {
  return {
    resourceSpans: resources.map(({ service, traceIds }) => ({
      resource: { attributes: service === undefined ? [] : [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ scope: { name: 'page' }, spans: traceIds.map((traceId, index) => ({ traceId, spanId: `00000000000000${index}1`, name: 'checkout.submit' })) }],
    })),
  };
}

const own = (tail = 'fedcba9876543210') => PREFIX + tail;

describe('judgeBrowserSpans', () => {
  it("accepts the page's own spans: service shop-web, every trace id under the session's prefix", () => {
    expect(judgeBrowserSpans(batch({ service: 'shop-web', traceIds: [own(), own('0000000000000001')] }), rules)).toEqual({ accepted: true, spanCount: 2 });
  });

  it('refuses the whole batch when one resource names another service, or none', () => {
    const forged = judgeBrowserSpans(batch({ service: 'shop-web', traceIds: [own()] }, { service: 'payments', traceIds: [own()] }), rules);
    expect(forged).toMatchObject({ accepted: false, reason: 'service.name', spanCount: 2 });
    expect(forged.accepted ? '' : forged.message).toContain('payments');
    expect(judgeBrowserSpans(batch({ traceIds: [own()] }), rules)).toMatchObject({ accepted: false, reason: 'service.name' });
  });

  it('refuses the whole batch when one span belongs to a trace the session did not start', () => {
    const foreign = 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb';
    expect(judgeBrowserSpans(batch({ service: 'shop-web', traceIds: [own(), foreign] }), rules)).toMatchObject({ accepted: false, reason: 'traceId', spanCount: 2 });
  });

  it('refuses trace ids that only look like the prefix: upper case, short, or base64', () => {
    for (const traceId of [own().toUpperCase(), PREFIX, `${PREFIX}/u3+AAAAAAAAAA==`, `${own()}00`]) {
      expect(judgeBrowserSpans(batch({ service: 'shop-web', traceIds: [traceId] }), rules), traceId).toMatchObject({ accepted: false, reason: 'traceId' });
    }
  });

  it('refuses more spans than a batch may hold', () => {
    expect(judgeBrowserSpans(batch({ service: 'shop-web', traceIds: [own(), own(), own(), own()] }), rules)).toMatchObject({ accepted: false, reason: 'too_many_spans', spanCount: 4 });
  });

  it.each([null, 'spans', { resourceSpans: 'nope' }, { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 7 }] }] }] }])('refuses %j as not OTLP/JSON', (body) => {
    expect(judgeBrowserSpans(body, rules)).toMatchObject({ accepted: false, reason: 'not_otlp' });
  });
});
