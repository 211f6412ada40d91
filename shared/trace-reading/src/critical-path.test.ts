import { describe, expect, it } from 'vitest';
import { criticalPath } from './critical-path';
import { span, traceOf } from './hand-built-trace';
import type { Trace } from './jaeger-trace';
import { spanTree } from './span-tree';

/** The path as [span, from ms, to ms], in order of time. */
function pathOf(trace: Trace): [string, number, number][] {
  const sections = [...criticalPath(spanTree(trace))].flatMap(([spanId, list]) => list.map((section) => [spanId, section.startUs / 1_000, section.endUs / 1_000] as [string, number, number]));
  return sections.sort((a, b) => a[1] - b[1]);
}

const totalMs = (path: [string, number, number][]) => path.reduce((sum, [, from, to]) => sum + to - from, 0);

describe('the critical path, as Jaeger defines it', () => {
  it('for children one after another, takes each child and gives the parent the gaps between them', () => {
    const path = pathOf(traceOf(span('root', undefined, 0, 100), span('a', 'root', 10, 20), span('b', 'root', 40, 30), span('c', 'root', 75, 15)));
    expect(path).toEqual([
      ['root', 0, 10],
      ['a', 10, 30],
      ['root', 30, 40],
      ['b', 40, 70],
      ['root', 70, 75],
      ['c', 75, 90],
      ['root', 90, 100],
    ]);
    expect(totalMs(path)).toBe(100);
  });

  it('for children running at the same time, takes the one that finished last, then what finished before it started', () => {
    const trace = traceOf(span('root', undefined, 0, 100), span('long', 'root', 10, 70), span('inside', 'root', 20, 40), span('overlapping', 'root', 5, 10), span('before', 'root', 0, 8));
    expect(pathOf(trace)).toEqual([
      ['before', 0, 8],
      ['root', 8, 10],
      ['long', 10, 80],
      ['root', 80, 100],
    ]);
  });

  it('cuts a child that outlives its parent at the parent’s end, and one that started before it at its start', () => {
    const trace = traceOf(span('root', undefined, 0, 100), span('call', 'root', 10, 40), span('relay', 'call', 40, 50), span('skewed', 'relay', 35, 10));
    expect(pathOf(trace)).toEqual([
      ['root', 0, 10],
      ['call', 10, 40],
      ['skewed', 40, 45],
      ['relay', 45, 50],
      ['root', 50, 100],
    ]);
  });

  it('leaves out a message consumed after its publish span ended: the root did not wait for it', () => {
    const trace = traceOf(span('root', undefined, 0, 50), span('call', 'root', 5, 25), span('publish', 'root', 10, 2), span('consume', 'publish', 20, 60), span('charge', 'consume', 25, 50));
    const path = pathOf(trace);
    expect(path).toEqual([
      ['root', 0, 5],
      ['call', 5, 30],
      ['root', 30, 50],
    ]);
    expect(path.map(([spanId]) => spanId)).not.toContain('consume');
  });

  it('follows the path down through nested levels and back up', () => {
    const trace = traceOf(span('root', undefined, 0, 100), span('a', 'root', 10, 80), span('b', 'a', 20, 60), span('c', 'b', 30, 40), span('d', 'b', 72, 6));
    const path = pathOf(trace);
    expect(path).toEqual([
      ['root', 0, 10],
      ['a', 10, 20],
      ['b', 20, 30],
      ['c', 30, 70],
      ['b', 70, 72],
      ['d', 72, 78],
      ['b', 78, 80],
      ['a', 80, 90],
      ['root', 90, 100],
    ]);
    expect(totalMs(path)).toBe(100);
  });

  it('like Jaeger, does not take a child that ends exactly when the chosen one starts', () => {
    expect(pathOf(traceOf(span('root', undefined, 0, 20), span('first', 'root', 0, 10), span('second', 'root', 10, 10)))).toEqual([
      ['root', 0, 10],
      ['second', 10, 20],
    ]);
  });

  it('gives every root its own path, an orphan whose parent is missing included', () => {
    const path = pathOf(traceOf(span('root', undefined, 0, 10), span('orphan', 'lost', 50, 20), span('child', 'orphan', 55, 5)));
    expect(path).toEqual([
      ['root', 0, 10],
      ['orphan', 50, 55],
      ['child', 55, 60],
      ['orphan', 60, 70],
    ]);
  });
});
