import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describeRun } from '../support/mode.js';

/**
 * bench:soak — the built api under a steady mixed load for SOAK_SECONDS (600 by default), at a
 * bounded rate (SOAK_RATE requests/s, 40 by default; at most 32 in flight), on loopback.
 * Partners post seat events and staffing reports, supervisors read live figures, managers read
 * headcount, admins read the audit log and alerts. Reports throughput, p50/p99 against a floor
 * measured first in the same run (GET /health/live at the same rate), errors by status, and the
 * api's memory (RSS and heap, from /metrics) at start, every minute and at the end.
 * With DATABASE_URL (and REDIS_URL) set it runs in production mode on a scratch database;
 * otherwise embedded.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 40);
const MAX_IN_FLIGHT = 32;
const FLOOR_SECONDS = 10;

interface Sample {
  ms: number;
  status: number;
  kind: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function memory(base: string): Promise<{ rssMb: number; heapMb: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) =>
    Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / 1024 / 1024;
  return { rssMb: read('process_resident_memory_bytes'), heapMb: read('nodejs_heap_size_used_bytes') };
}

async function main(): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    JWT_TTL_SECONDS: String(Math.max(900, SECONDS + 300)),
    // required with DATABASE_URL; the soak signs in as the demo users, seeded on request there
    JWT_SECRET: process.env.JWT_SECRET || randomBytes(32).toString('base64url'),
    SEED_DEMO: 'true',
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (process.env.DATABASE_URL) {
    const name = `plateau_soak_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.REDIS_PREFIX = env.JOBS_PREFIX = `soak-${name}`;
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'plateau-soak-'));
    env.DATA_DIR = dataDir;
    env.DATABASE_URL = '';
    env.REDIS_URL = '';
  }
  const api: ChildProcess = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: 'inherit' });
  try {
    await waitReady(base);
    await soak(base);
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitReady(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the api did not become ready in 120 s');
}

async function soak(base: string): Promise<void> {
  const login = async (email: string, password: string) => {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw new Error(`sign-in ${email}: ${response.status}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const tokens = {
    admin: await login('admin@plateau.demo', 'plateau-admin-demo'),
    manager: await login('manager@plateau.demo', 'plateau-manager-demo'),
    supervisor: await login('supervisor@plateau.demo', 'plateau-supervisor-demo'),
    partner: await login('partner@sittel.demo', 'plateau-partner-demo'),
  };
  const get = (path: string, token: string) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const sites = (
    (await (await get('/api/v1/sites?limit=50', tokens.partner)).json()) as { items: Array<{ id: string }> }
  ).items;
  const seats = new Map<string, string[]>();
  for (const site of sites)
    seats.set(
      site.id,
      (
        (await (await get(`/api/v1/sites/${site.id}/seats?limit=200`, tokens.partner)).json()) as {
          items: Array<{ id: string }>;
        }
      ).items.map((seat) => seat.id),
    );
  const states = ['available', 'on_call', 'wrap_up', 'paused', 'offline'];
  let n = 0;
  const post = (path: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const mix: Array<() => Promise<Response>> = [
    () => {
      const site = sites[n % sites.length];
      const siteSeats = seats.get(site.id)!;
      const events = Array.from({ length: 20 }, (_, i) => ({
        seatId: siteSeats[(n * 7 + i) % siteSeats.length],
        state: states[(n + i) % states.length],
        at: new Date().toISOString(),
      }));
      return post(`/api/v1/sites/${site.id}/seat-events`, tokens.partner, { events });
    },
    () =>
      post(`/api/v1/sites/${sites[n % sites.length].id}/seat-events`, tokens.partner, {
        events: [
          {
            seatId: seats.get(sites[n % sites.length].id)![n % 50],
            state: 'on_call',
            at: new Date().toISOString(),
          },
        ],
      }),
    () => get('/api/v1/live?scope=network', tokens.supervisor),
    () => get(`/api/v1/sites/${sites[n % sites.length].id}/live`, tokens.supervisor),
    () => get('/api/v1/headcount?groupBy=partner&interval=month&from=2026-01&to=2026-12', tokens.manager),
    () => {
      const day = new Date(Date.UTC(2025, 0, 1) + (n % 300) * 86_400_000).toISOString().slice(0, 10);
      return post(
        `/api/v1/sites/${sites[n % sites.length].id}/staffing-reports`,
        tokens.partner,
        {
          period: day,
          agentsInProduction: 50 + (n % 20),
          agentsInTraining: 5,
          teamLeaders: 4,
          supervisors: 2,
          trainersQa: 1,
          hires: 1,
          leavers: 1,
          seatsInstalled: 100,
          seatsStaffed: 60,
          absenteeismPct: 4.5,
        },
        { 'idempotency-key': `soak-${n}` },
      );
    },
    () => get('/api/v1/audit-events?limit=20', tokens.admin),
    () => get('/api/v1/alerts?status=open', tokens.admin),
    () => get('/api/v1/staffing-reports?limit=20', tokens.manager),
  ];

  const KINDS = [
    'seat events x20',
    'seat event x1',
    'live network',
    'live site',
    'headcount',
    'staffing report',
    'audit events',
    'alerts',
    'staffing reports',
  ];
  const run = async (
    seconds: number,
    call: () => [string, Promise<Response>],
    onMinute?: () => Promise<void>,
  ) => {
    const samples: Sample[] = [];
    let inFlight = 0;
    let skipped = 0;
    const pending = new Set<Promise<void>>();
    const started = Date.now();
    let nextMinute = started + 60_000;
    for (let tick = 0; Date.now() - started < seconds * 1000; tick++) {
      const due = started + (tick * 1000) / RATE;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      if (onMinute && Date.now() >= nextMinute) {
        nextMinute += 60_000;
        void onMinute();
      }
      if (inFlight >= MAX_IN_FLIGHT) {
        skipped++;
        continue;
      }
      inFlight++;
      const t0 = performance.now();
      const [kind, response] = call();
      const request = response
        .then(
          async (response) => {
            await response.arrayBuffer();
            samples.push({ ms: performance.now() - t0, status: response.status, kind });
          },
          () => {
            samples.push({ ms: performance.now() - t0, status: 0, kind });
          },
        )
        .finally(() => {
          inFlight--;
          pending.delete(request);
        });
      pending.add(request);
    }
    await Promise.all(pending);
    return { samples, skipped, seconds: (Date.now() - started) / 1000 };
  };

  console.log(
    `bench:soak: ${describeRun({ mode: process.env.DATABASE_URL ? 'production' : 'embedded', redisUrl: process.env.REDIS_URL ?? '' })}`,
  );
  console.log(`bench:soak: floor (GET /health/live) ${FLOOR_SECONDS} s at ${RATE}/s…`);
  const floor = await run(FLOOR_SECONDS, () => ['floor', fetch(`${base}/health/live`)]);
  const memoryStart = await memory(base);
  const trend: string[] = [`0 min ${memoryStart.rssMb.toFixed(0)} MB`];
  console.log(`bench:soak: mixed load ${SECONDS} s at ${RATE}/s (${mix.length} kinds of request)…`);
  let minute = 0;
  const soaked = await run(
    SECONDS,
    () => {
      const index = n++ % mix.length;
      return [KINDS[index], mix[index]()];
    },
    async () => {
      const m = await memory(base);
      trend.push(`${++minute} min ${m.rssMb.toFixed(0)} MB`);
      console.log(`  ${minute} min: rss ${m.rssMb.toFixed(0)} MB, heap ${m.heapMb.toFixed(0)} MB`);
    },
  );
  const memoryEnd = await memory(base);
  const byStatus: Record<string, number> = {};
  for (const sample of soaked.samples) byStatus[sample.status] = (byStatus[sample.status] ?? 0) + 1;
  const ms = soaked.samples.map((s) => s.ms);
  const floorMs = floor.samples.map((s) => s.ms);
  const errors = soaked.samples.filter((s) => s.status === 0 || s.status >= 500).length;
  const result = {
    seconds: Math.round(soaked.seconds),
    rate: RATE,
    requests: soaked.samples.length,
    throughputPerSecond: +(soaked.samples.length / soaked.seconds).toFixed(1),
    skippedAtMaxInFlight: soaked.skipped,
    p50Ms: +percentile(ms, 50).toFixed(1),
    p99Ms: +percentile(ms, 99).toFixed(1),
    floorP50Ms: +percentile(floorMs, 50).toFixed(1),
    floorP99Ms: +percentile(floorMs, 99).toFixed(1),
    p99OverFloor: +(percentile(ms, 99) / percentile(floorMs, 99)).toFixed(1),
    errors,
    byStatus,
    memoryStart,
    memoryEnd,
    rssGrowthMb: +(memoryEnd.rssMb - memoryStart.rssMb).toFixed(1),
    heapGrowthMb: +(memoryEnd.heapMb - memoryStart.heapMb).toFixed(1),
    trend,
    p99MsByKind: Object.fromEntries(
      KINDS.map((kind) => [
        kind,
        +percentile(
          soaked.samples.filter((s) => s.kind === kind).map((s) => s.ms),
          99,
        ).toFixed(1),
      ]),
    ),
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `bench:soak: at the end, ${describeRun({ mode: process.env.DATABASE_URL ? 'production' : 'embedded', redisUrl: process.env.REDIS_URL ?? '' })}`,
  );
  if (errors) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
