import type { FaultInjector } from './injector';
import type { FaultPoint } from './points';

/**
 * A stand-in for the injector in use-case tests: it remembers which points were asked and
 * throws `fireWith` at each, when given.
 */
export function createRecordingFaults(fireWith?: Error): Pick<FaultInjector, 'atOperation'> & { asked: FaultPoint[] } {
  const asked: FaultPoint[] = [];
  return {
    asked,
    async atOperation(point) {
      asked.push(point);
      if (fireWith) throw fireWith;
    },
  };
}
