import { FaultInjectedError, type FaultInjector } from '../injector';
import type { FaultPoint } from '../points';

/** A consumer's fault point, with the injector that fires there. */
export interface MessageFaults {
  injector: FaultInjector;
  point: FaultPoint;
}

export type FaultOutcome = 'process' | 'process-twice' | 'drop' | 'redeliver';

/**
 * Applies the message faults that fire for this delivery and says what to do with it.
 * `attempt` is the delivery's number (1 for the first): `redeliver` sends a message round once.
 * `poisoned` makes the error a `poison` fault throws: the one the consumer dead-letters.
 */
export async function applyMessageFaults(faults: MessageFaults | undefined, attempt: number, poisoned: (reason: string) => Error): Promise<FaultOutcome> {
  if (!faults) return 'process';
  const { injector, point } = faults;
  const fired = injector.fire(point, (rule) => rule.kind !== 'redeliver' || attempt === 1);
  let outcome: FaultOutcome = 'process';
  for (const fault of fired) {
    switch (fault.kind) {
      case 'drop':
        return 'drop';
      case 'redeliver':
        return 'redeliver';
      case 'poison':
        throw poisoned(`fault injected at ${point}: poison`);
      case 'error':
        throw new FaultInjectedError(fault, fault.status ?? 500);
      case 'crash':
        injector.crash(fault);
        break;
      case 'delay':
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.drawnDelayMs ?? 0));
        break;
      case 'duplicate':
        outcome = 'process-twice';
        break;
      default:
        break;
    }
  }
  return outcome;
}
