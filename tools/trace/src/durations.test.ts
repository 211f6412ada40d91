import { describe, expect, it } from 'vitest';
import { jaegerDuration, parseDurationUs, shortDuration, signedMs } from './durations';
import { UsageError } from './usage-error';

describe('durations on the command line', () => {
  it('read as microseconds with a unit from µs to days', () => {
    expect([parseDurationUs('15m', '--since'), parseDurationUs('1.5s', '--step'), parseDurationUs('200ms', '--x'), parseDurationUs('1h', '--x')]).toEqual([900_000_000, 1_500_000, 200_000, 3_600_000_000]);
  });

  it('refuse a number without a unit, or zero, as a usage error naming the option', () => {
    expect(() => parseDurationUs('15', '--since')).toThrow(new UsageError("--since '15' is not a duration (use e.g. 200ms, 30s, 15m, 1h)"));
    expect(() => parseDurationUs('0m', '--step')).toThrow(UsageError);
  });

  it("pass to Jaeger only in Go's syntax", () => {
    expect(jaegerDuration('200ms', '--min-duration')).toBe('200ms');
    expect(() => jaegerDuration('200', '--min-duration')).toThrow(/--min-duration '200' is not a duration Jaeger takes/);
    expect(() => jaegerDuration('1d', '--max-duration')).toThrow(UsageError);
  });

  it('print with a sign, or in the unit people write', () => {
    expect([signedMs(182_400), signedMs(-3_000)]).toEqual(['+182.4ms', '-3.0ms']);
    expect([shortDuration(60_000_000), shortDuration(90_000_000), shortDuration(250_000), shortDuration(7_200_000_000)]).toEqual(['1m', '90s', '250ms', '2h']);
  });
});
