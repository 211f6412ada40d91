export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitStateChange {
  from: CircuitState;
  to: CircuitState;
  /** Failed calls in a row when the change happened. */
  consecutiveFailures: number;
}

export interface CircuitBreakerOptions {
  /** Failed calls in a row that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one trial call through. */
  cooldownMs: number;
  /** A monotonic clock in milliseconds. */
  now?: () => number;
  /** Called on every change of state, synchronously, inside the call that caused it. */
  onStateChange?: (change: CircuitStateChange) => void;
}

/** Leave to send one call; report how it went exactly once. */
export interface CircuitPermit {
  /** The one call a half-open circuit lets through to find out whether the dependency is back. */
  readonly isTrial: boolean;
  succeeded(): void;
  failed(): void;
}

export interface CircuitBreaker {
  /** A permit to send a call now, or undefined when the circuit refuses it. */
  tryAcquire(): CircuitPermit | undefined;
  /** The state as last changed: an open circuit reads `open` until a call asks after its cool-down. */
  readonly state: CircuitState;
  /** How long an open circuit still refuses calls; 0 when it is not open. */
  remainingCooldownMs(): number;
}

/**
 * Opens after `failureThreshold` failed calls in a row, refuses every call for `cooldownMs`,
 * then lets one trial call through: its success closes the circuit, its failure opens it for
 * another cool-down.
 *
 * Why consecutive failures rather than a failure ratio in a window: one number to set and to
 * read in a trace, no minimum call volume to tune (tracebed's traffic ranges from one curl to a
 * load test), and any success resets it, so only a dependency that keeps failing opens it; a
 * dependency that fails now and then is the retries' job. The price: a dependency failing on one
 * route while another route answers stays closed.
 *
 * A call let through before the circuit last changed state reports into the void: what it
 * learnt about the dependency is older than what opened or closed the circuit.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? (() => performance.now());
  let state: CircuitState = 'closed';
  let consecutiveFailures = 0;
  let openedAt = 0;
  let era = 0; // counts state changes, so late reports from an earlier state are told apart

  function moveTo(to: CircuitState): void {
    const from = state;
    state = to;
    era += 1;
    if (to === 'open') openedAt = now();
    if (to === 'closed') consecutiveFailures = 0;
    options.onStateChange?.({ from, to, consecutiveFailures });
  }

  function normalPermit(): CircuitPermit {
    const issuedIn = era;
    return settledOnce(false, {
      succeeded: () => {
        if (era === issuedIn) consecutiveFailures = 0;
      },
      failed: () => {
        if (era !== issuedIn) return;
        consecutiveFailures += 1;
        if (consecutiveFailures >= options.failureThreshold) moveTo('open');
      },
    });
  }

  function trialPermit(): CircuitPermit {
    return settledOnce(true, {
      succeeded: () => moveTo('closed'),
      failed: () => {
        consecutiveFailures += 1;
        moveTo('open');
      },
    });
  }

  const remainingCooldownMs = () => (state === 'open' ? Math.max(0, openedAt + options.cooldownMs - now()) : 0);

  return {
    tryAcquire() {
      if (state === 'closed') return normalPermit();
      if (state === 'open' && remainingCooldownMs() === 0) {
        moveTo('half_open');
        return trialPermit();
      }
      return undefined; // open and cooling down, or half-open with its trial under way
    },
    get state() {
      return state;
    },
    remainingCooldownMs,
  };
}

function settledOnce(isTrial: boolean, outcomes: { succeeded: () => void; failed: () => void }): CircuitPermit {
  let settled = false;
  const once = (report: () => void) => () => {
    if (settled) return;
    settled = true;
    report();
  };
  return { isTrial, succeeded: once(outcomes.succeeded), failed: once(outcomes.failed) };
}
