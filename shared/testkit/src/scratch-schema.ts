import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchSchema {
  name: string;
  /** The database URL with this schema first on the search path: tables are created and read there. */
  databaseUrl: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/**
 * A schema of its own in a service's database, for a test that runs the service's code against
 * real PostgreSQL: its tables hide nothing from, and are hidden from, the running service.
 */
export async function createScratchSchema(databaseUrl: string, prefix: string): Promise<ScratchSchema> {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`a schema prefix is lower-case letters, digits and _, got '${prefix}'`);
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${name}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return { name, databaseUrl: url.toString(), drop: () => run(`DROP SCHEMA ${name} CASCADE`) };
}
