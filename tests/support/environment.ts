import { createScratchDatabase as createDatabaseOnServer, type ScratchDatabase } from '#db';

/** `PLATEAU_TEST_MODE=embedded` runs the suite without servers on purpose (CI's embedded pass). */
export const EMBEDDED_RUN = process.env.PLATEAU_TEST_MODE === 'embedded';
/** Any CI pass: what CI provides in every pass (Chromium) must be there. */
export const CI_RUN = process.env.CI === 'true' || process.env.CI === '1';
/** CI's server pass: PostgreSQL and Redis must be there. */
export const IN_CI = CI_RUN && !EMBEDDED_RUN;

/** The PostgreSQL server under test (DATABASE_URL), if any. Under CI it must be set and reachable. */
export function serverDatabaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url && IN_CI)
    throw new Error('CI=true but DATABASE_URL is not set: the real PostgreSQL path must be tested');
  return url || undefined;
}

/** Redis under test; tests that need it skip loudly outside CI and fail under CI when absent. */
export function redisUrl(): string | undefined {
  const url = process.env.REDIS_URL;
  if (!url && IN_CI) throw new Error('CI=true but REDIS_URL is not set: the Redis path must be tested');
  if (!url)
    console.warn('\n  ⚠ REDIS_URL is not set: Redis-backed tests are SKIPPED (set REDIS_URL to run them)\n');
  return url || undefined;
}

/** A database backend of the tests: the embedded server the api starts, or the DATABASE_URL server. */
export type Backend = 'embedded' | 'postgres';

/** The database backends integration tests run against: the embedded server always, PostgreSQL when configured. */
export function databaseBackends(): Backend[] {
  return serverDatabaseUrl() ? ['embedded', 'postgres'] : ['embedded'];
}

/** An empty database `plateau_test_<random>` on the DATABASE_URL server, with a dropper. */
export function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  return createDatabaseOnServer(serverUrl, 'plateau_test');
}
