import { inTransaction, type Pool, type PoolClient } from '@tracebed/platform';

/** One transaction, and what must happen once it has committed. */
export interface UnitOfWork {
  client: PoolClient;
  /** Runs `action` once after COMMIT succeeds, however often it was registered; never after a rollback. */
  afterCommit(action: () => void): void;
}

/** Runs `work` in one transaction, then the actions it registered for after the commit. */
export async function inUnitOfWork<T>(pool: Pool, work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
  const committed = new Set<() => void>();
  const result = await inTransaction(pool, (client) => work({ client, afterCommit: (action) => void committed.add(action) }));
  for (const action of committed) action();
  return result;
}
