import type { Pool } from '@tracebed/platform';
import type { Payment, PaymentStore } from '../domain/ports';

const COLUMNS = `id, order_id AS "orderId", amount_cents AS "amountCents", card_last4 AS "cardLast4",
  outcome, decline_reason AS "declineReason"`;

export function createPaymentStore(pool: Pool): PaymentStore {
  async function findByOrder(orderId: string): Promise<Payment | undefined> {
    const { rows } = await pool.query<Payment>(`SELECT ${COLUMNS} FROM payments WHERE order_id = $1`, [orderId]);
    return rows[0];
  }
  return {
    findByOrder,
    async insertOnce(payment) {
      const { rows } = await pool.query<Payment>(
        `INSERT INTO payments (id, order_id, amount_cents, card_last4, outcome, decline_reason)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO NOTHING RETURNING ${COLUMNS}`,
        [payment.id, payment.orderId, payment.amountCents, payment.cardLast4, payment.outcome, payment.declineReason],
      );
      // A concurrent delivery of the same order won the insert: its payment is the one.
      const stored = rows[0] ?? (await findByOrder(payment.orderId));
      if (!stored) throw new Error(`payment for order ${payment.orderId} vanished after insert`);
      return stored;
    },
  };
}
