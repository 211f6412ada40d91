import { describe, expect, it } from 'vitest';
import type { Pool } from '@tracebed/platform';
import { inUnitOfWork } from '../unit-of-work';
import { OUTBOX_SQL } from './outbox-sql';
import { createOutboxWriter } from './outbox-writer';

const EVENT = { routingKey: 'order.placed', messageId: 'order-placed-1', payload: { orderId: '1' } };

/** A pool of one connection that records each statement, and the relay's wakes in between. */
function setUp() {
  const log: string[] = [];
  const client = {
    async query(text: string) {
      log.push(text);
      return { rows: [], rowCount: 1 };
    },
    release: () => undefined,
  };
  const pool = { connect: async () => client } as unknown as Pool;
  const writer = createOutboxWriter(() => void log.push('wake'));
  return { pool, writer, log };
}

describe('the outbox writer', () => {
  it('inserts the message inside the caller\'s transaction and wakes the relay only after COMMIT', async () => {
    const { pool, writer, log } = setUp();

    await inUnitOfWork(pool, (unit) => writer.enqueue(unit, EVENT));

    expect(log).toEqual(['BEGIN', OUTBOX_SQL.enqueue, 'COMMIT', 'wake']);
  });

  it('when the transaction rolls back, wakes nothing', async () => {
    const { pool, writer, log } = setUp();
    const failure = new Error('constraint violated');

    const writing = inUnitOfWork(pool, async (unit) => {
      await writer.enqueue(unit, EVENT);
      throw failure;
    });

    await expect(writing).rejects.toBe(failure);
    expect(log).toEqual(['BEGIN', OUTBOX_SQL.enqueue, 'ROLLBACK']);
  });

  it('wakes the relay once per commit that wrote messages, and not for a transaction that wrote none', async () => {
    const { pool, writer, log } = setUp();

    await inUnitOfWork(pool, async (unit) => {
      await writer.enqueue(unit, EVENT);
      await writer.enqueue(unit, { ...EVENT, messageId: 'order-placed-1-2' });
    });
    await inUnitOfWork(pool, async () => undefined);

    expect(log.filter((entry) => entry === 'wake')).toHaveLength(1);
  });
});
