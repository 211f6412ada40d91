/**
 * Whether a learner's "about how much longer" is close enough to the delay a scene hid. The
 * reading can only come out longer than the fault, never shorter: a slowed statement also waits
 * for a connection or a CPU that other slowed work holds. So the answer may fall from 40 % under
 * the fault to three times it, which still tells 120 ms from 700 ms, and a span from a
 * whole order.
 */
export const EXTRA_TIME_RANGE = { below: 0.6, above: 3 } as const;

export const isCloseToExtra = (answerMs: number, faultMs: number) =>
  answerMs >= faultMs * EXTRA_TIME_RANGE.below && answerMs <= faultMs * EXTRA_TIME_RANGE.above;
