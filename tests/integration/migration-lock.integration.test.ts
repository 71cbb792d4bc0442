import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigModule, loadConfig } from '#config';
import { CoreModule } from '#core';
import { DbModule, MIGRATIONS } from '#db';
import { RedisModule } from '#redis';
import { createScratchDatabase, IN_CI, serverDatabaseUrl } from '../support/environment.js';

const SERVER = serverDatabaseUrl();

/**
 * Processes starting together on an empty database (two api nodes, a worker, `db:migrate`) take
 * turns on the migrations under an advisory lock: each boots, the schema is applied once.
 */
describe.skipIf(!SERVER && !IN_CI)('migrations of processes starting together', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('four processes booting at once on an empty database all start, and each migration runs once', async () => {
    const scratch = await createScratchDatabase(SERVER!);
    drops.push(scratch.drop);
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: scratch.url,
      REDIS_URL: '',
      RUN_MIGRATIONS: 'true',
    });
    const boot = () =>
      Test.createTestingModule({ imports: [ConfigModule.forRoot(config), CoreModule, DbModule, RedisModule] })
        .compile()
        .then((module) => module.init());
    const started = await Promise.allSettled([boot(), boot(), boot(), boot()]);
    const apps = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      expect(
        started.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : [])),
      ).toEqual([]);
      const rows: Array<{ name: string }> = await apps[0]!
        .get(DataSource)
        .query('SELECT name FROM schema_migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  }, 120_000);
});
