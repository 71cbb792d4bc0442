import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Session } from 'node:inspector/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import {
  AllocationService,
  CampaignsModule,
  CampaignsService,
  ContactImportService,
  LeaseService,
  OPPOSITION_LIST_SOURCE,
  SuppressionsService,
} from '#campaigns';
import { loadConfig } from '#config';
import { Clock, UNRESTRICTED } from '#core';
import { JobQueue } from '#jobs';
import { NetworkModule } from '#network';
import { PlatformModule } from '#platform';
import { createScratchDatabase } from '#db';
import { type BenchServers, describeRun, withBenchServers } from '../support/mode.js';
import { applyProductionSettings } from '../support/postgres-settings.js';
import { summariseProfile } from '../support/profile.js';

/**
 * bench:campaign — import 1,000,000 contacts (100,000 of them on the opposition list) and lease
 * them all in batches at a lawful weekday moment, against a bare baseline in the same run: a
 * COPY of the same CSV rows into a plain table plus a BullMQ addBulk of as many jobs as we
 * leased batches (ratio = baseline / ours, for the record), and the goal: ours within 4x the floor
 * no design can beat, measured in the same run (see leastPossible). Repeats BENCH_RUNS times, each on a
 * scratch database; medians reported, with time per phase and a CPU profile of the last run,
 * and the floor no design can beat in the same run (see leastPossible).
 *
 * Each scratch database gets the per-database settings of docker/postgresql.conf, the ones a
 * production database runs with (BENCH_PG_SETTINGS=off: the server's defaults); the server-wide
 * ones are printed as the server runs them.
 * Production mode with DATABASE_URL (a scratch database is created per run on that server) and
 * REDIS_URL (BullMQ); embedded mode without (the embedded PostgreSQL server, in-process jobs, and
 * a bare baseline of the COPY alone). BENCH_CONTACTS, BENCH_SUPPRESSED, BENCH_BATCH, BENCH_RUNS tune it.
 */
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const SUPPRESSED = Number(process.env.BENCH_SUPPRESSED ?? Math.round(CONTACTS / 10));
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LAWFUL = DateTime.fromISO('2026-11-23T11:00', { zone: 'Europe/Paris' }).toJSDate();
const HEADER =
  'phone,first_name,last_name,lawful_basis,consent_date,consent_proof,contract_ref,contract_offer';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function phoneOf(index: number): string {
  // distinct metropolitan mobiles, half 06, half 07 (07 5x-9x are valid ranges)
  return index % 2
    ? `06${String(10_000_000 + index).slice(-8)}`
    : `07${String(50_000_000 + index).slice(-8)}`;
}

function buildCsv(): string {
  const lines = [HEADER];
  for (let i = 0; i < CONTACTS; i++)
    lines.push(
      i % 2
        ? `${phoneOf(i)},Jeanne,Martin,consent,2026-01-10,WEB-${i},,`
        : `${phoneOf(i)},Louis,Bernard,current_contract,,,CTR-${i},prevoyance`,
    );
  return `${lines.join('\n')}\n`;
}

function* chunks(text: string, size = 64 * 1024): Generator<string> {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}

@Module({})
class BenchModule {}

interface Phases {
  suppress: number;
  stage: number;
  merge: number;
  allocate: number;
  lease: number;
  total: number;
  batches: number;
  leased: number;
}

async function ours(
  url: string,
  csv: string,
  jobsPrefix: string,
  profile: boolean,
  redisUrl: string,
): Promise<{ phases: Phases; cpu?: string }> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    JOBS_PREFIX: jobsPrefix,
    REDIS_PREFIX: jobsPrefix,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    JWT_SECRET: randomBytes(32).toString('base64url'),
  });
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    {
      module: BenchModule,
      imports: [
        PlatformModule.forRoot(config, { processJobs: true, logging: false }),
        NetworkModule,
        CampaignsModule,
      ],
    },
    { logger: ['error'] },
  );
  await app.init();
  app.get(Clock).now = () => new Date(LAWFUL);
  const data = app.get(DataSource);
  const [partner] = await data.query(
    `INSERT INTO partner (name, kind) VALUES ('Bench', 'outsourcer') RETURNING id`,
  );
  const [site] = await data.query(
    `INSERT INTO site (partner_id, name, city, country, time_zone, installed_seats, status)
     VALUES ($1, 'Bench Casablanca', 'Casablanca', 'MA', 'Africa/Casablanca', 400, 'active') RETURNING id`,
    [partner.id],
  );
  const { campaign } = await app.get(CampaignsService).create(
    {
      name: 'Bench',
      product: 'prevoyance',
      targetVolume: CONTACTS,
      callerNumber: '01 62 00 00 01',
      contractOffers: ['prevoyance'],
      allocationStrategy: 'proportional_capacity',
      sites: [{ siteId: site.id }],
    },
    'bench',
  );
  // a fresh opposition list (one of the numbers suppressed below), so the launch needs no confirmation
  await app.get(SuppressionsService).suppress([phoneOf(0)], OPPOSITION_LIST_SOURCE, 'bench');
  await app.get(CampaignsService).apply(campaign.id, 'launch');

  const session = profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
  }
  const started = performance.now();
  let mark = started;
  const lap = () => {
    const now = performance.now();
    const elapsed = now - mark;
    mark = now;
    return elapsed;
  };
  const suppressions = app.get(SuppressionsService);
  for (let i = 0; i < SUPPRESSED; i += 10_000)
    await suppressions.suppress(
      Array.from({ length: Math.min(10_000, SUPPRESSED - i) }, (_, k) => phoneOf((i + k) * 10)),
      'bench',
    );
  const suppress = lap();
  const job = await app.get(ContactImportService).start(campaign.id, Readable.from(chunks(csv)), 'bench');
  const stage = lap();
  for (;;) {
    const [row] = await data.query(`SELECT status FROM contact_import WHERE id = $1`, [job.id]);
    if (row.status === 'completed') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const merge = lap();
  await app.get(AllocationService).recompute(campaign.id);
  const allocate = lap();
  let batches = 0;
  let leased = 0;
  for (;;) {
    const batch = await app
      .get(LeaseService)
      .lease(UNRESTRICTED, site.id, { size: BATCH, campaignId: campaign.id }, 'bench');
    if (!batch.contacts.length) break;
    batches++;
    leased += batch.contacts.length;
  }
  const lease = lap();
  const total = performance.now() - started;
  let cpu: string | undefined;
  if (session) {
    const { profile: result } = await session.post('Profiler.stop');
    cpu = summariseProfile(result, `CPU profile of the last run (${seconds(total)} wall)`);
    session.disconnect();
  }
  await app.get(JobQueue).drain(5_000);
  await app.close();
  return { phases: { suppress, stage, merge, allocate, lease, total, batches, leased }, cpu };
}

async function baseline(
  url: string,
  csv: string,
  batches: number,
  jobsPrefix: string,
  redisUrl: string,
): Promise<{ copy: number; addBulk: number; total: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE bare_contact (phone text, first_name text, last_name text, lawful_basis text,
    consent_date text, consent_proof text, contract_ref text, contract_offer text)`);
  const started = performance.now();
  await pipeline(
    Readable.from(chunks(csv)),
    client.query(copyFrom(`COPY bare_contact FROM STDIN WITH (FORMAT csv, HEADER true)`)),
  );
  const copy = performance.now() - started;
  await client.end();
  if (!redisUrl) return { copy, addBulk: 0, total: copy }; // embedded mode: no Redis to add jobs to
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bench-bare', { connection, prefix: jobsPrefix });
  const queued = performance.now();
  await queue.addBulk(
    Array.from({ length: batches }, (_, i) => ({ name: 'batch', data: { batch: i, size: BATCH } })),
  );
  const addBulk = performance.now() - queued;
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit(); // a connection handed to BullMQ stays open after queue.close()
  return { copy, addBulk, total: copy + addBulk };
}

/**
 * What no implementation of this import and lease can beat on this machine, measured in the same
 * run: csv-parse alone reading the file (no checks, no database), and inside PostgreSQL one
 * INSERT of the same rows into a table with nothing but an integer primary key, then one UPDATE
 * of every row (whatever the design, a lease must record per contact that it is taken). Parsing
 * may overlap the database work, so the best ratio any design can reach is
 * bare / max(parse, insert + update).
 */
async function leastPossible(
  url: string,
  csv: string,
): Promise<{ parse: number; store: number; total: number }> {
  let started = performance.now();
  let records = 0;
  for await (const _record of Readable.from(chunks(csv)).pipe(parse({ bom: true, relax_column_count: true })))
    records++;
  const parsed = performance.now() - started;
  if (records !== CONTACTS + 1) throw new Error(`csv-parse read ${records} records`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE floor_contact (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone text, first_name text, last_name text, lawful_basis text, consent_date text, consent_proof text,
    contract_ref text, contract_offer text, leased boolean NOT NULL DEFAULT false)`);
  started = performance.now();
  await client.query(`INSERT INTO floor_contact (phone, first_name, last_name, lawful_basis, consent_date,
    consent_proof, contract_ref, contract_offer) SELECT * FROM bare_contact`);
  await client.query(`UPDATE floor_contact SET leased = true`);
  const store = performance.now() - started;
  await client.end();
  return { parse: parsed, store, total: Math.max(parsed, store) };
}

/**
 * BENCH_EXPLAIN=<ms>: PostgreSQL's own view of the run. Every statement of the scratch database
 * that takes at least that long has its plan written to the server's log by auto_explain, with
 * actual rows, times, buffers and WAL records and bytes (a measurement aid: timing every plan
 * node slows the run down).
 */
async function logPlans(url: string, minMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const name = client.escapeIdentifier(new URL(url).pathname.slice(1));
    for (const [setting, value] of [
      ['session_preload_libraries', 'auto_explain'],
      ['auto_explain.log_min_duration', String(minMs)],
      ['auto_explain.log_analyze', 'on'],
      ['auto_explain.log_buffers', 'on'],
      ['auto_explain.log_wal', 'on'],
    ])
      await client.query(`ALTER DATABASE ${name} SET ${setting} = ${client.escapeLiteral(value)}`);
  } finally {
    await client.end();
  }
}

interface TableWrites {
  table: string;
  inserted: number;
  updated: number;
  hot: number;
  deleted: number;
  indexes: number;
}

/**
 * What each table of the scratch database was written, from PostgreSQL's own counters
 * (pg_stat_user_tables; each connection flushes them as it closes): rows inserted, updated (HOT
 * updates touch no index), deleted, and how many indexes the table has (an insert or a non-HOT
 * update adds an entry to each, partial ones only when the row matches). Read after a run, when
 * the bench's connections are closed; counts, not times, so the machine's load does not move them.
 */
async function tableWrites(url: string): Promise<TableWrites[]> {
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // closed backends flush their counters on exit
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<TableWrites>(
      `SELECT relname AS table, n_tup_ins::int AS inserted, n_tup_upd::int AS updated, n_tup_hot_upd::int AS hot,
              n_tup_del::int AS deleted, (SELECT count(*)::int FROM pg_index i WHERE i.indrelid = s.relid) AS indexes
         FROM pg_stat_user_tables s WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** Rows and index entries written per contact of the file: ours by table, then the floor's table. */
function describeWrites(writes: TableWrites[]): string {
  const per = (n: number) => (n / CONTACTS).toFixed(2);
  const entries = (row: TableWrites) => (row.inserted + row.updated - row.hot) * row.indexes;
  const baselines = new Set(['bare_contact', 'floor_contact']);
  const mine = writes.filter(
    (row) => !baselines.has(row.table) && row.inserted + row.updated + row.deleted >= CONTACTS / 100,
  );
  const floor = writes.find((row) => row.table === 'floor_contact');
  const rowsOf = (rows: TableWrites[]) =>
    rows.reduce((sum, row) => sum + row.inserted + row.updated + row.deleted, 0);
  const lines = mine.map(
    (row) =>
      `  ${row.table.padEnd(26)} +${per(row.inserted)} ~${per(row.updated)} (HOT ${per(row.hot)}) -${per(row.deleted)}; ${row.indexes} indexes: <= ${per(entries(row))} index entries`,
  );
  return [
    `Rows written per contact (PostgreSQL's counters: +inserted ~updated -deleted; tables with >= 1 row per 100 contacts):`,
    ...lines,
    `  ours: ${per(rowsOf(mine))} row writes and <= ${per(mine.reduce((sum, row) => sum + entries(row), 0))} index entries per contact` +
      (floor
        ? `; floor: ${per(rowsOf([floor]))} row writes and ${per(entries(floor))} index entries per contact`
        : ''),
  ].join('\n');
}

async function bench(servers: BenchServers): Promise<void> {
  console.log(
    `bench:campaign — ${CONTACTS.toLocaleString('en')} contacts, ${SUPPRESSED.toLocaleString('en')} suppressed, batches of ${BATCH}, ${RUNS} runs; ${describeRun(servers)}`,
  );
  const csv = buildCsv();
  const results: Array<{
    ours: Phases;
    bare: { copy: number; addBulk: number; total: number };
    ratio: number;
    floor: { parse: number; store: number; total: number };
    bound: number;
    overFloor: number;
  }> = [];
  let cpu: string | undefined;
  let writes: string | undefined;
  for (let run = 1; run <= RUNS; run++) {
    const db = await createScratchDatabase(servers.databaseUrl, 'plateau_bench');
    const prefix = `bench-${randomBytes(4).toString('hex')}`;
    try {
      // BENCH_PG_SETTINGS=off runs on the server's own settings (to measure what the file gains)
      const settings =
        process.env.BENCH_PG_SETTINGS === 'off'
          ? 'PostgreSQL settings: the server defaults (BENCH_PG_SETTINGS=off)'
          : await applyProductionSettings(db.url);
      if (run === 1) console.log(settings);
      if (process.env.BENCH_EXPLAIN) await logPlans(db.url, Number(process.env.BENCH_EXPLAIN));
      const mine = await ours(db.url, csv, prefix, run === RUNS, servers.redisUrl);
      if (mine.phases.leased !== CONTACTS - SUPPRESSED)
        throw new Error(`leased ${mine.phases.leased} contacts, expected ${CONTACTS - SUPPRESSED}`);
      const bare = await baseline(db.url, csv, mine.phases.batches, prefix, servers.redisUrl);
      const ratio = bare.total / mine.phases.total;
      const least = await leastPossible(db.url, csv);
      const bound = bare.total / least.total;
      const overFloor = mine.phases.total / least.total;
      if (run === RUNS) writes = describeWrites(await tableWrites(db.url));
      results.push({ ours: mine.phases, bare, ratio, floor: least, bound, overFloor });
      cpu = mine.cpu ?? cpu;
      const p = mine.phases;
      console.log(
        `run ${run}: ours ${seconds(p.total)} (suppress ${seconds(p.suppress)}, stage ${seconds(p.stage)}, merge ${seconds(p.merge)}, allocate ${seconds(p.allocate)}, lease ${seconds(p.lease)} in ${p.batches} batches) | bare ${seconds(bare.total)} (COPY ${seconds(bare.copy)}, addBulk ${seconds(bare.addBulk)}) | ratio ${ratio.toFixed(3)} | floor: csv-parse alone ${seconds(least.parse)}, keyed INSERT + one UPDATE ${seconds(least.store)}, best reachable ratio ${bound.toFixed(3)} | ours / floor ${overFloor.toFixed(2)}x; load average ${loadavg()[0].toFixed(1)}`,
      );
    } finally {
      if (process.env.BENCH_KEEP_DB) console.log(`kept ${db.url}`);
      else await db.drop();
    }
  }
  const med = (pick: (r: (typeof results)[number]) => number) => median(results.map(pick));
  console.log('');
  console.log(
    `median ours: ${seconds(med((r) => r.ours.total))} — suppress ${seconds(med((r) => r.ours.suppress))}, stage (parse+check+COPY) ${seconds(med((r) => r.ours.stage))}, merge job ${seconds(med((r) => r.ours.merge))}, allocate ${seconds(med((r) => r.ours.allocate))}, lease ${seconds(med((r) => r.ours.lease))}`,
  );
  console.log(
    `median bare: ${seconds(med((r) => r.bare.total))} — COPY ${seconds(med((r) => r.bare.copy))}, addBulk ${seconds(med((r) => r.bare.addBulk))}`,
  );
  console.log(`median ratio (bare / ours, for the record): ${med((r) => r.ratio).toFixed(3)}`);
  console.log(
    `median floor: csv-parse alone ${seconds(med((r) => r.floor.parse))}, keyed INSERT + one UPDATE of every row ${seconds(med((r) => r.floor.store))} — best ratio any design can reach here: ${med((r) => r.bound).toFixed(3)}`,
  );
  const overFloor = med((r) => r.overFloor);
  console.log(
    `${overFloor <= 4 ? 'MET ' : 'MISS'}  import + lease within 4x the floor of the same run: ${overFloor.toFixed(2)}x (median of ${RUNS}); ${describeRun(servers)}`,
  );
  if (writes) console.log(`\n${writes}`);
  if (cpu) console.log(`\n${cpu}`);
}

withBenchServers(bench).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
