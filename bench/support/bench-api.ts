import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { type AppConfig, loadConfig } from '#config';
import { createScratchDatabase } from '#db';
import { createApi, seedDemoIfEmpty } from '../../apps/api/src/bootstrap.js';
import type { BenchServers } from './mode.js';

/** A bench's api on a scratch database of its own (demo seeded, in-process jobs), and a pg client on it. */
export interface BenchApi {
  app: NestFastifyApplication;
  config: AppConfig;
  db: pg.Client;
  /** Stops the api, closes the client and drops the scratch database. */
  close(): Promise<void>;
}

export async function startBenchApi(
  servers: BenchServers,
  env: Record<string, string> = {},
): Promise<BenchApi> {
  const scratch = await createScratchDatabase(servers.databaseUrl, 'plateau_bench');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: scratch.url,
    REDIS_URL: '',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ...env,
  });
  const app = await createApi(config);
  const db = new pg.Client({ connectionString: scratch.url });
  const close = async () => {
    await db.end().catch(() => undefined);
    await app.close();
    await scratch.drop();
  };
  try {
    await seedDemoIfEmpty(app, config);
    await db.connect();
  } catch (error) {
    await close();
    throw error;
  }
  return { app, config, db, close };
}

/** A partner of the bench's own with `count` active sites of `installedSeats` seats each, in `timeZone`. */
export async function insertBenchSites(
  db: pg.Client,
  count: number,
  installedSeats: number,
  timeZone = 'Africa/Casablanca',
): Promise<{ partnerId: string; siteIds: string[] }> {
  const [{ id: partnerId }] = (
    await db.query(`INSERT INTO partner (name, kind) VALUES ('Bench Partner', 'outsourcer') RETURNING id`)
  ).rows;
  const siteIds: string[] = (
    await db.query(
      `INSERT INTO site (partner_id, name, city, country, time_zone, installed_seats, status)
       SELECT $1, 'Bench ' || n, 'Casablanca', 'MA', $3, $4, 'active' FROM generate_series(1, $2) n
       RETURNING id`,
      [partnerId, count, timeZone, installedSeats],
    )
  ).rows.map((row: { id: string }) => row.id);
  return { partnerId, siteIds };
}
