import type { DeclineReason } from '@tracebed/contracts';

/**
 * The simulated card provider's rules, deterministic so demos and tests can choose an outcome:
 * - a card ending in 0002 is always declined (card_declined);
 * - a card ending in 9995 is always declined (insufficient_funds);
 * - any charge above 1,000.00 EUR is declined (amount_limit_exceeded);
 * - everything else is approved.
 */
export const AMOUNT_LIMIT_CENTS = 100_000;

const DECLINING_CARDS = new Map<string, DeclineReason>([
  ['0002', 'card_declined'],
  ['9995', 'insufficient_funds'],
]);

export type ChargeDecision = { outcome: 'succeeded' } | { outcome: 'declined'; declineReason: DeclineReason };

export function decideCharge(charge: { amountCents: number; cardLast4: string }): ChargeDecision {
  const cardRule = DECLINING_CARDS.get(charge.cardLast4);
  if (cardRule) return { outcome: 'declined', declineReason: cardRule };
  if (charge.amountCents > AMOUNT_LIMIT_CENTS) return { outcome: 'declined', declineReason: 'amount_limit_exceeded' };
  return { outcome: 'succeeded' };
}

export interface CardProvider {
  charge(charge: { amountCents: number; cardLast4: string }): Promise<ChargeDecision>;
}

/** A provider that answers after a realistic, random delay within [minMs, maxMs]. */
export function createSimulatedCardProvider(latency: { minMs: number; maxMs: number }): CardProvider {
  return {
    async charge(charge) {
      const delayMs = latency.minMs + Math.random() * (latency.maxMs - latency.minMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return decideCharge(charge);
    },
  };
}
