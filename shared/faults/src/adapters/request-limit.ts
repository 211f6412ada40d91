import { carriesRequestFaults } from '../baggage';

/**
 * Requests carrying per-request faults that one service works on at once. Such a request may
 * hang, sleep or hold a connection on purpose; the cap keeps one client's experiments from
 * taking a service's sockets, timers and connections from everyone else.
 */
export const FAULTED_REQUESTS_IN_FLIGHT = 4;

/**
 * Admitted: a faulted request takes a slot, and `done` frees it once the request is over; a request
 * without faults takes none. Refused: `maxInFlight` faulted requests are already in flight.
 */
export type FaultedRequestAdmission = { admitted: true; done?: () => void } | { admitted: false; maxInFlight: number };

export interface FaultedRequestGate {
  /** Admits the request being worked on now (in the active context); one without faults always. */
  admit(): FaultedRequestAdmission;
}

export function createFaultedRequestGate(maxInFlight = FAULTED_REQUESTS_IN_FLIGHT): FaultedRequestGate {
  let inFlight = 0;
  return {
    admit() {
      if (!carriesRequestFaults()) return { admitted: true };
      if (inFlight >= maxInFlight) return { admitted: false, maxInFlight };
      inFlight += 1;
      let finished = false;
      return {
        admitted: true,
        done: () => {
          if (finished) return;
          finished = true;
          inFlight -= 1;
        },
      };
    },
  };
}
