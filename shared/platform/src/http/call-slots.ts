/**
 * How many calls to one service a process has in flight at once. Without a bound, an overloaded
 * callee makes the caller open a connection per waiting call: at 80 orders/s the gateway held
 * about 1,000 sockets to orders and both grew by hundreds of MB. Past the bound, calls wait their
 * turn in order, within their own deadline: a wait longer than the attempt's timeout is a timeout.
 */
export interface CallSlots {
  /** Resolves with the function that frees the slot, once one is free; rejects when `signal` aborts first. */
  take(signal: AbortSignal): Promise<() => void>;
  readonly limit: number;
  readonly inFlight: number;
  readonly waiting: number;
}

/** Enough for every service's own pool (10 connections) several times over; only overload waits. */
export const CALLS_IN_FLIGHT_PER_SERVICE = 64;

export function createCallSlots(limit = CALLS_IN_FLIGHT_PER_SERVICE): CallSlots {
  let inFlight = 0;
  const queue: Array<() => void> = [];

  const release = () => {
    const next = queue.shift();
    if (next) next(); // the slot passes straight to the next in line
    else inFlight--;
  };

  function take(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    if (inFlight < limit) {
      inFlight++;
      return Promise.resolve(once(release));
    }
    return new Promise((resolve, reject) => {
      const admit = () => {
        signal.removeEventListener('abort', abandon);
        resolve(once(release));
      };
      const abandon = () => {
        queue.splice(queue.indexOf(admit), 1);
        reject(signal.reason as Error);
      };
      queue.push(admit);
      signal.addEventListener('abort', abandon, { once: true });
    });
  }

  return {
    take,
    limit,
    get inFlight() {
      return inFlight;
    },
    get waiting() {
      return queue.length;
    },
  };
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
