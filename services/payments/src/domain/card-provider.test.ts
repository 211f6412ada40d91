import { describe, expect, it } from 'vitest';
import { AMOUNT_LIMIT_CENTS, createSimulatedCardProvider, decideCharge } from './card-provider';

describe('decideCharge', () => {
  it('approves an ordinary card and amount', () => {
    expect(decideCharge({ amountCents: 2_500, cardLast4: '4242' })).toEqual({ outcome: 'succeeded' });
  });

  it('declines a card ending in 0002 with card_declined', () => {
    expect(decideCharge({ amountCents: 2_500, cardLast4: '0002' })).toEqual({
      outcome: 'declined',
      declineReason: 'card_declined',
    });
  });

  it('declines a card ending in 9995 with insufficient_funds', () => {
    expect(decideCharge({ amountCents: 2_500, cardLast4: '9995' })).toEqual({
      outcome: 'declined',
      declineReason: 'insufficient_funds',
    });
  });

  it('sets the amount limit at 1,000.00 EUR', () => {
    expect(AMOUNT_LIMIT_CENTS).toBe(100_000);
  });

  it('declines one cent above the limit with amount_limit_exceeded', () => {
    expect(decideCharge({ amountCents: 100_001, cardLast4: '4242' })).toEqual({
      outcome: 'declined',
      declineReason: 'amount_limit_exceeded',
    });
  });

  it('approves a charge of exactly the limit', () => {
    expect(decideCharge({ amountCents: 100_000, cardLast4: '4242' })).toEqual({ outcome: 'succeeded' });
  });

  it('gives the card rule precedence over the amount rule', () => {
    expect(decideCharge({ amountCents: 500_000, cardLast4: '0002' })).toEqual({
      outcome: 'declined',
      declineReason: 'card_declined',
    });
  });
});

describe('createSimulatedCardProvider', () => {
  it('answers with the same decision as decideCharge, after a short delay', async () => {
    const provider = createSimulatedCardProvider({ minMs: 0, maxMs: 5 });
    const startedAt = performance.now();

    const decision = await provider.charge({ amountCents: 2_500, cardLast4: '9995' });

    expect(decision).toEqual({ outcome: 'declined', declineReason: 'insufficient_funds' });
    expect(performance.now() - startedAt).toBeLessThan(1_000);
  });

  it('waits at least about minMs before answering', async () => {
    const provider = createSimulatedCardProvider({ minMs: 30, maxMs: 35 });
    const startedAt = performance.now();

    await expect(provider.charge({ amountCents: 2_500, cardLast4: '4242' })).resolves.toEqual({ outcome: 'succeeded' });

    const elapsedMs = performance.now() - startedAt;
    expect(elapsedMs).toBeGreaterThanOrEqual(25);
    expect(elapsedMs).toBeLessThan(1_000);
  });
});
