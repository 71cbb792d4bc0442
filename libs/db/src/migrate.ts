import type { DataSource, Migration } from 'typeorm';

/**
 * Key of the PostgreSQL advisory lock every Plateau process takes around its migrations
 * (pg_advisory_lock(bigint): the first 8 bytes of sha1('plateau:migrations'), fixed here so it
 * never changes between versions).
 */
export const MIGRATION_LOCK_KEY = '5121423487357233986';

/** A migration run that failed: the schema's state, not the connection, is what to look at. */
export class MigrationError extends Error {
  constructor(cause: unknown) {
    super(
      `database migrations failed: ${(cause as Error)?.message ?? String(cause)} ` +
        '(every migration runs in its own transaction: the ones before it are applied, it and the ones after it are not)',
      { cause },
    );
    this.name = 'MigrationError';
  }
}

/**
 * Applies pending migrations while holding a session-level advisory lock on a connection of its
 * own, so processes starting together on one database (api nodes, workers, `db:migrate`) run them
 * one after another: the first applies them, the others wait and then find nothing to do. Without
 * it the second one failed with `relation "schema_migrations" already exists`.
 */
export async function migrateUnderLock(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`);
  } catch (error) {
    await runner.release();
    throw error;
  }
  try {
    return await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    throw new MigrationError(error);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`).catch(() => undefined);
    await runner.release();
  }
}
