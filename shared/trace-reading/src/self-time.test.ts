import { describe, expect, it } from 'vitest';
import { span } from './hand-built-trace';
import { selfTimeUs } from './self-time';

const selfMs = (...args: Parameters<typeof selfTimeUs>) => selfTimeUs(...args) / 1_000;

describe('the self time of a span', () => {
  it('is the whole duration when the span has no children', () => {
    expect(selfMs(span('alone', undefined, 0, 42), [])).toBe(42);
  });

  it('counts time covered by overlapping children once', () => {
    const parent = span('parent', undefined, 0, 100);
    expect(selfMs(parent, [span('a', 'parent', 10, 30), span('b', 'parent', 30, 30), span('c', 'parent', 70, 10)])).toBe(40);
  });

  it('counts only the part of a child inside the span', () => {
    const publish = span('publish', undefined, 0, 50);
    expect(selfMs(publish, [span('outlives', 'publish', 40, 50), span('after', 'publish', 60, 20), span('before', 'publish', -10, 15)])).toBe(35);
  });
});
