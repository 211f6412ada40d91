import { describe, expect, it } from 'vitest';
import { goMemoryLimitMb } from './jaeger-memory';

describe('goMemoryLimitMb', () => {
  it('reads the binary units Go accepts', () => {
    expect(goMemoryLimitMb('1536MiB')).toBe(1536);
    expect(goMemoryLimitMb('2GiB')).toBe(2048);
    expect(goMemoryLimitMb('419430400')).toBe(400);
  });

  it('answers undefined when the limit is unset or off', () => {
    expect(goMemoryLimitMb(undefined)).toBeUndefined();
    expect(goMemoryLimitMb('off')).toBeUndefined();
  });
});
