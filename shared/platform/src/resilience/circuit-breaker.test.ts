import { describe, expect, it } from 'vitest';
import { createCircuitBreaker, type CircuitBreaker, type CircuitStateChange } from './circuit-breaker';

function breakerWithClock(failureThreshold = 3, cooldownMs = 1_000) {
  let time = 0;
  const changes: CircuitStateChange[] = [];
  const breaker = createCircuitBreaker({ failureThreshold, cooldownMs, now: () => time, onStateChange: (change) => changes.push(change) });
  return {
    breaker,
    changes,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

function fail(breaker: CircuitBreaker, times: number): void {
  for (let n = 0; n < times; n++) breaker.tryAcquire()!.failed();
}

function openedBreaker() {
  const clock = breakerWithClock(3, 1_000);
  fail(clock.breaker, 3);
  return clock;
}

describe('a closed circuit', () => {
  it('lets every call through while they succeed', () => {
    const { breaker, changes } = breakerWithClock();
    for (let n = 0; n < 10; n++) breaker.tryAcquire()!.succeeded();
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual([]);
  });

  it('stays closed one failure short of the threshold', () => {
    const { breaker } = breakerWithClock(3);
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBeDefined();
  });

  it('opens after the threshold of failures in a row, and says so once', () => {
    const { breaker, changes } = breakerWithClock(3);
    fail(breaker, 3);
    expect(breaker.state).toBe('open');
    expect(changes).toEqual([{ from: 'closed', to: 'open', consecutiveFailures: 3 }]);
  });

  it('starts counting again after a success', () => {
    const { breaker } = breakerWithClock(3);
    fail(breaker, 2);
    breaker.tryAcquire()!.succeeded();
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
  });

  it('counts a permit once however often it is reported', () => {
    const { breaker } = breakerWithClock(3);
    const permit = breaker.tryAcquire()!;
    permit.failed();
    permit.failed();
    permit.failed();
    expect(breaker.state).toBe('closed');
    expect(permit.isTrial).toBe(false);
  });
});

describe('an open circuit', () => {
  it('refuses calls until the cool-down is over', () => {
    const { breaker, advance } = openedBreaker();
    expect(breaker.tryAcquire()).toBeUndefined();
    expect(breaker.remainingCooldownMs()).toBe(1_000);
    advance(999);
    expect(breaker.tryAcquire()).toBeUndefined();
    expect(breaker.remainingCooldownMs()).toBe(1);
    expect(breaker.state).toBe('open');
  });

  it('ignores late reports from calls let through before it opened', () => {
    const { breaker, advance } = breakerWithClock(2, 1_000);
    const slowSuccess = breaker.tryAcquire()!;
    const slowFailure = breaker.tryAcquire()!;
    fail(breaker, 2);
    slowSuccess.succeeded();
    slowFailure.failed();
    expect(breaker.state).toBe('open');
    expect(breaker.remainingCooldownMs()).toBe(1_000);
    advance(1_000);
    expect(breaker.tryAcquire()?.isTrial).toBe(true);
  });

  it('turns half-open after the cool-down and lets exactly one trial call through', () => {
    const { breaker, changes, advance } = openedBreaker();
    advance(1_000);
    const trial = breaker.tryAcquire();
    expect(trial?.isTrial).toBe(true);
    expect(breaker.state).toBe('half_open');
    expect(breaker.tryAcquire()).toBeUndefined();
    expect(breaker.remainingCooldownMs()).toBe(0);
    expect(changes.at(-1)).toEqual({ from: 'open', to: 'half_open', consecutiveFailures: 3 });
  });
});

describe('a half-open circuit', () => {
  function halfOpened() {
    const clock = openedBreaker();
    clock.advance(1_000);
    return { ...clock, trial: clock.breaker.tryAcquire()! };
  }

  it('closes when the trial call succeeds, and lets calls through again', () => {
    const { breaker, changes, trial } = halfOpened();
    trial.succeeded();
    expect(breaker.state).toBe('closed');
    expect(changes.at(-1)).toEqual({ from: 'half_open', to: 'closed', consecutiveFailures: 0 });
    expect(breaker.tryAcquire()?.isTrial).toBe(false);
  });

  it('needs the full threshold of failures again to reopen after closing', () => {
    const { breaker, trial } = halfOpened();
    trial.succeeded();
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
    fail(breaker, 1);
    expect(breaker.state).toBe('open');
  });

  it('opens again for a whole cool-down when the trial call fails', () => {
    const { breaker, changes, trial, advance } = halfOpened();
    trial.failed();
    expect(breaker.state).toBe('open');
    expect(changes.at(-1)).toEqual({ from: 'half_open', to: 'open', consecutiveFailures: 4 });
    advance(999);
    expect(breaker.tryAcquire()).toBeUndefined();
    advance(1);
    expect(breaker.tryAcquire()?.isTrial).toBe(true);
  });

  it('does not let a report from before it opened decide the trial', () => {
    const { breaker, advance } = breakerWithClock(1, 1_000);
    const stale = breaker.tryAcquire()!;
    breaker.tryAcquire()!.failed();
    advance(1_000);
    breaker.tryAcquire();
    stale.succeeded();
    expect(breaker.state).toBe('half_open');
  });
});

describe('the default clock', () => {
  it('is monotonic time, so a breaker works without one given', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 60_000 });
    breaker.tryAcquire()!.failed();
    expect(breaker.state).toBe('open');
    expect(breaker.remainingCooldownMs()).toBeGreaterThan(59_000);
  });
});
