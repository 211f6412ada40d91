import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { inTransaction } from './transaction';

// Any constant works; it only has to be the same for every instance of a service.
const MIGRATION_LOCK_ID = 7_146_201;

/**
 * Applies the numbered .sql files in `directory` that have not run yet, in order, in
 * one transaction under an advisory lock, so instances starting together cannot race.
 */
export async function runMigrations(pool: Pool, directory: string, logger: Logger): Promise<string[]> {
  const files = (await readdir(directory)).filter((name) => /^\d+.*\.sql$/.test(name)).sort();
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((row) => row.id));
    const pending = files.filter((file) => !applied.has(file));
    for (const file of pending) {
      await client.query(await readFile(path.join(directory, file), 'utf8'));
      await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [file]);
      logger.info({ migration: file }, 'migration.applied');
    }
    return pending;
  });
}
