import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { summariseProfiles } from '../support/profile.js';
import { type BenchMessage, Histogram } from './ipc.js';

/**
 * bench:live — Plateau's live path against bare socket.io, in the same run.
 *
 *  1. BENCH_CLIENTS (5,000) socket.io clients (BENCH_CLIENT_PROCESSES separate processes, 2)
 *     subscribe across the sites of a bench partner. A bare socket.io server (one process)
 *     emits the same payloads to the same clients from a timer at 20 updates/s; then the real
 *     api receives 20 seat events/s over HTTP. Latency = client receipt - event `at`.
 *     The api runs as BENCH_NODES (1) separate processes: production mode with DATABASE_URL and
 *     REDIS_URL set (several nodes share the database and Redis, socket.io's Redis adapter joins
 *     them, client n connects to node n mod BENCH_NODES, seat events are posted to every node in
 *     turn), else embedded (one node; BENCH_EMBEDDED=1 forces it).
 *  2. Sustained ingest: seat events posted over HTTP at BENCH_INGEST_RATE (10,000/s) in
 *     per-site batches; delivered updates/s and update latency measured at the clients. Its
 *     floor: the bare server then sends the same clients as many updates per second, each with
 *     as many seats (the busiest delta received, restamped), so the fan-out alone is measured.
 *  3. Memory per connected dashboard: heap + external growth (after GC) of the servers when the
 *     clients connect (summed over the api nodes), Plateau vs bare.
 * The api also publishes `activity.changed` to every room every BENCH_ACTIVITY_MS (5 s; 0: only
 * the minute rollup), see api-process.ts.
 * The whole run repeats BENCH_RUNS times (3); medians are reported. BENCH_PROFILE=1 writes a CPU
 * profile of every api node (node --cpu-prof, artifacts/bench-live-profile) and summarises them.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 2);
const NODES = Number(process.env.BENCH_NODES ?? 1);
const PROFILE_DIR = 'artifacts/bench-live-profile';
const SITES = Number(process.env.BENCH_SITES ?? 20);
const SEATS_PER_SITE = Number(process.env.BENCH_SEATS ?? 100);
const LOW_RATE = Number(process.env.BENCH_LOW_RATE ?? 20);
const INGEST_RATE = Number(process.env.BENCH_INGEST_RATE ?? 10_000);
const PHASE_MS = Number(process.env.BENCH_PHASE_SECONDS ?? 10) * 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH_EVERY_MS = Number(process.env.BENCH_BATCH_MS ?? 200);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface RunResult {
  bare: { p50: number; p99: number; updatesPerSecond: number; bytesPerClient: number };
  plateau: { p50: number; p99: number; updatesPerSecond: number; bytesPerClient: number };
  ingest: {
    offered: number;
    applied: number;
    p50: number;
    p99: number;
    updatesPerSecond: number;
    errors: number;
    /** receipt - delta built: the part of the latency spent after the server (sockets, client parsing) */
    deliveryP50: number;
    deliveryP99: number;
  };
  /** bare socket.io sending the ingest phase's updates (as many per second, as many seats each) to the same clients */
  bareFanOut: { p50: number; p99: number; updatesPerSecond: number; seatsPerUpdate: number };
}

class Child {
  private readonly waiting: Array<(message: BenchMessage) => void> = [];
  readonly ready: Promise<BenchMessage>;

  constructor(readonly process: ChildProcess) {
    process.on('message', (message: BenchMessage) => this.waiting.shift()?.(message));
    this.ready = new Promise((resolve) => this.waiting.push(resolve));
    process.on('exit', (code) => {
      if (code && code !== 0) console.error(`child ${process.pid} exited with ${code}`);
    });
  }

  ask(message: BenchMessage): Promise<BenchMessage> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.process.send(message);
    });
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (this.process.exitCode === null) this.process.kill('SIGKILL');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function spawn(file: string, env: Record<string, string> = {}, profile = false): Child {
  return new Child(
    fork(here(file), [], {
      execArgv: [
        '--expose-gc',
        '--enable-source-maps',
        ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
      ],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function json<T>(url: string, init: RequestInit & { token?: string; body?: string } = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Production mode (PostgreSQL + Redis) when DATABASE_URL and REDIS_URL are set, else embedded (embedded PostgreSQL, memory). */
const PRODUCTION =
  Boolean(process.env.DATABASE_URL && process.env.REDIS_URL) && process.env.BENCH_EMBEDDED !== '1';

/** A scratch database on the DATABASE_URL server for one run. */
async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `plateau_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** One api node; the nodes of a run share the database, the Redis prefixes and the token key. */
async function startApi(
  databaseUrl: string,
  shared: { prefix: string; jwtSecret: string },
  migrate: boolean,
): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = spawn(
    './api-process.js',
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      DATABASE_URL: databaseUrl,
      REDIS_URL: PRODUCTION ? process.env.REDIS_URL! : '',
      REDIS_PREFIX: shared.prefix,
      JOBS_PREFIX: shared.prefix,
      RUN_MIGRATIONS: String(migrate),
      PROCESS_JOBS_IN_API: 'true',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JWT_SECRET: shared.jwtSecret,
      API_KEY_RATE_LIMIT_PER_MINUTE: '10000000',
      SEED_DEMO: 'true', // the bench signs in as the demo admin (seeded by default in embedded mode only)
    },
    process.env.BENCH_PROFILE === '1',
  );
  const url = `http://127.0.0.1:${port}`;
  await child.ready;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return { child, url };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error('the api did not start');
}

/** A bench partner with SITES sites of SEATS_PER_SITE seats, and the admin's token. */
async function setUp(url: string) {
  const { accessToken: token } = await json<{ accessToken: string }>(`${url}/api/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'admin@plateau.demo', password: 'plateau-admin-demo' }),
  });
  const partner = await json<{ id: string }>(`${url}/api/v1/partners`, {
    method: 'POST',
    token,
    body: JSON.stringify({ name: `Bench ${randomBytes(3).toString('hex')}`, kind: 'outsourcer' }),
  });
  const sites: Array<{ id: string; seats: string[] }> = [];
  for (let i = 0; i < SITES; i++) {
    const site = await json<{ id: string }>(`${url}/api/v1/sites`, {
      method: 'POST',
      token,
      body: JSON.stringify({
        partnerId: partner.id,
        name: `Bench site ${i}`,
        city: 'Casablanca',
        country: 'MA',
        timeZone: 'Africa/Casablanca',
        installedSeats: SEATS_PER_SITE,
      }),
    });
    const seats = await json<Array<{ id: string }>>(`${url}/api/v1/sites/${site.id}/seats`, {
      method: 'POST',
      token,
      body: JSON.stringify({ labels: Array.from({ length: SEATS_PER_SITE }, (_, j) => `B${i}-${j}`) }),
    });
    sites.push({ id: site.id, seats: seats.map((seat) => seat.id) });
  }
  return { token, sites };
}

const STATES = ['available', 'on_call', 'wrap_up', 'paused'] as const;

/**
 * Posts seat events for `durationMs`: every BATCH_EVERY_MS, one batch per site holding its
 * share of `ratePerSecond` (at low rates: single events to random sites). `at` = posting time.
 */
async function post(
  urls: string[],
  token: string,
  sites: Array<{ id: string; seats: string[] }>,
  ratePerSecond: number,
  durationMs: number,
) {
  const started = Date.now();
  let offered = 0;
  let applied = 0;
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  let lastAnswerAt = started;
  const failed = (reason: string) => {
    if (errors++ < 3) console.warn(`  seat-events POST failed: ${reason}`);
  };
  let turn = 0;
  const send = (siteId: string, events: unknown[]) => {
    const url = urls[turn++ % urls.length]; // every node in turn
    const request = fetch(`${url}/api/v1/sites/${siteId}/seat-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    })
      .then(async (response) => {
        lastAnswerAt = Date.now();
        if (response.ok) applied += ((await response.json()) as { applied: number }).applied;
        else failed(`${response.status} ${(await response.text()).slice(0, 200)}`);
      })
      .catch((error: Error) =>
        failed(`${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}`),
      )
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const perTick = (ratePerSecond * BATCH_EVERY_MS) / 1000;
  let due = 0;
  for (let tick = 0; Date.now() - started < durationMs; tick++) {
    due += perTick;
    const count = Math.floor(due);
    due -= count;
    const at = new Date().toISOString();
    const event = (site: { seats: string[] }) => ({
      seatId: site.seats[Math.floor(Math.random() * site.seats.length)],
      state: STATES[Math.floor(Math.random() * STATES.length)],
      at,
    });
    if (count < sites.length) {
      // low rate: spread single events over the interval
      for (let i = 0; i < count; i++) {
        const site = sites[Math.floor(Math.random() * sites.length)];
        setTimeout(
          () => send(site.id, [{ ...event(site), at: new Date().toISOString() }]),
          (i * BATCH_EVERY_MS) / count,
        );
      }
    } else {
      // each site's system posts its batch at its own moment of the interval (they are not in step)
      sites.forEach((site, index) => {
        const share = Math.floor(count / sites.length) + (index < count % sites.length ? 1 : 0);
        setTimeout(
          () => {
            const now = new Date().toISOString();
            send(
              site.id,
              Array.from({ length: share }, () => ({ ...event(site), at: now })),
            );
          },
          (index * BATCH_EVERY_MS) / sites.length,
        );
      });
    }
    offered += count;
    await sleep(Math.max(0, started + (tick + 1) * BATCH_EVERY_MS - Date.now()));
  }
  await sleep(BATCH_EVERY_MS);
  await Promise.all([...inFlight]);
  // rates over the time until the last answer: a server that falls behind stretches it
  return { offered, applied, errors, seconds: (lastAnswerAt - started) / 1000 };
}

/** Latency at the clients (all client processes merged) while `during` runs. */
async function measure(clients: Child[], during: () => Promise<unknown>, settleMs = 1000) {
  await Promise.all(clients.map((child) => child.ask({ type: 'reset' })));
  const started = Date.now();
  await during();
  await sleep(settleMs);
  const replies = (await Promise.all(clients.map((child) => child.ask({ type: 'stats' })))) as Array<
    Extract<BenchMessage, { type: 'stats-reply' }>
  >;
  const latencies = new Histogram();
  const delivery = new Histogram();
  let messages = 0;
  let seats = 0;
  for (const reply of replies) {
    latencies.merge(reply.latencies);
    delivery.merge(reply.delivery);
    messages += reply.messages;
    seats += reply.seats;
  }
  return {
    messages,
    seats,
    samples: latencies.samples,
    p50: latencies.percentile(50),
    p99: latencies.percentile(99),
    deliveryP50: delivery.percentile(50),
    deliveryP99: delivery.percentile(99),
    seconds: (Date.now() - started - settleMs) / 1000,
  };
}

/** CPU seconds (user + system) a process has used so far (Linux /proc). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Share of one core each process used while `during` ran. */
async function cpuDuring<T>(
  children: Record<string, Child>,
  during: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number> }> {
  const pids = Object.fromEntries(Object.entries(children).map(([name, child]) => [name, child.process.pid]));
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const self = process.cpuUsage();
  const started = Date.now();
  const result = await during();
  const seconds = (Date.now() - started) / 1000;
  const own = process.cpuUsage(self);
  const cpu = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [
      name,
      Math.round(((cpuSeconds(pid) - before[name]) / seconds) * 100),
    ]),
  );
  cpu.poster = Math.round(((own.user + own.system) / 1e6 / seconds) * 100);
  return { result, cpu };
}

async function memoryOf(child: Child): Promise<number> {
  const reply = (await child.ask({ type: 'memory' })) as Extract<BenchMessage, { type: 'memory-reply' }>;
  return reply.heapUsed + reply.external;
}

/** CLIENTS dashboards, split between the client processes, client n on urls[n mod urls.length]. */
async function connect(clients: Child[], urls: string[], siteIds: string[], token?: string) {
  const share = Math.ceil(CLIENTS / clients.length);
  const replies = (await Promise.all(
    clients.map((child, index) =>
      child.ask({
        type: 'connect',
        urls,
        token,
        siteIds,
        first: index * share,
        clients: Math.max(0, Math.min(share, CLIENTS - index * share)),
      }),
    ),
  )) as Array<Extract<BenchMessage, { type: 'connected' }>>;
  const failed = replies.reduce((sum, reply) => sum + reply.failed, 0);
  if (failed)
    throw new Error(`${failed} clients failed to connect: ${replies.find((r) => r.firstError)?.firstError}`);
}

const disconnect = (clients: Child[]) =>
  Promise.all(clients.map((child) => child.ask({ type: 'disconnect' })));

async function runOnce(run: number): Promise<RunResult> {
  const database = PRODUCTION ? await scratchDatabase() : undefined;
  const shared = {
    prefix: `bench-${randomBytes(4).toString('hex')}`,
    jwtSecret: randomBytes(24).toString('hex'),
  };
  const apis: Array<{ child: Child; url: string }> = [];
  const bare = spawn('./bare-server.js');
  const clients = Array.from({ length: CLIENT_PROCESSES }, () => spawn('./clients.js'));
  try {
    // the first node migrates the database; the others start once it is ready
    for (let node = 0; node < NODES; node++)
      apis.push(await startApi(database?.url ?? '', shared, node === 0));
    const urls = apis.map((api) => api.url);
    const bareReady = (await bare.ready) as Extract<BenchMessage, { type: 'ready' }>;
    await Promise.all(clients.map((child) => child.ready));
    const { token, sites } = await setUp(urls[0]);
    const siteIds = sites.map((site) => site.id);
    const apiMemory = async () =>
      (await Promise.all(apis.map((api) => memoryOf(api.child)))).reduce((sum, bytes) => sum + bytes, 0);

    // Plateau at 20 events/s (also captures a real delta as the bare server's template)
    const apiBefore = await apiMemory();
    await connect(clients, urls, siteIds, token);
    const apiAfter = await apiMemory();
    await post(urls, token, sites, LOW_RATE, 2000); // warm-up
    await sleep(500);
    const plateau = await measure(clients, () => post(urls, token, sites, LOW_RATE, PHASE_MS));
    const { payload: template } = (await clients[0].ask({ type: 'template' })) as Extract<
      BenchMessage,
      { type: 'template-reply' }
    >;

    // sustained ingest
    await post(urls, token, sites, INGEST_RATE, 2000); // warm-up
    await sleep(1000);
    let ingestCounts = { offered: 0, applied: 0, errors: 0, seconds: 1 };
    const { result: ingest, cpu } = await cpuDuring(
      Object.fromEntries([
        ...apis.map((api, node) => [`api${node + 1}`, api.child] as const),
        ...clients.map((child, index) => [`clients${index + 1}`, child] as const),
      ]),
      () =>
        measure(
          clients,
          async () => (ingestCounts = await post(urls, token, sites, INGEST_RATE, PHASE_MS)),
          1500,
        ),
    );
    console.log(
      `run ${run}: CPU % of a core during ingest: ${JSON.stringify(cpu)}; machine load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    );
    const busiest = (
      (await Promise.all(clients.map((child) => child.ask({ type: 'template' })))) as Array<
        Extract<BenchMessage, { type: 'template-reply' }>
      >
    )
      .map((reply) => reply.busiest as { seats?: unknown[] } | undefined)
      .reduce((most, delta) => ((delta?.seats?.length ?? 0) > (most?.seats?.length ?? 0) ? delta : most));
    await disconnect(clients);

    // bare socket.io: one process, same clients, same payloads, 20/s from a timer
    const bareUrl = `http://127.0.0.1:${bareReady.port}`;
    const bareBefore = await memoryOf(bare);
    await connect(clients, [bareUrl], siteIds);
    const bareAfter = await memoryOf(bare);
    await bare.ask({ type: 'emit', ratePerSecond: LOW_RATE, siteIds, template, durationMs: 2000 });
    const bareStats = await measure(clients, () =>
      bare.ask({ type: 'emit', ratePerSecond: LOW_RATE, siteIds, template, durationMs: PHASE_MS }),
    );
    // the floor of the ingest phase's fan-out: bare socket.io sending as many updates per second,
    // each with as many seats, to the same clients (no HTTP, no store, no Redis, no database)
    const fanOut = {
      ratePerSecond: ingest.messages / ingest.seconds / (CLIENTS / SITES),
      seatsPerUpdate: Math.max(1, Math.round(ingest.seats / Math.max(1, ingest.messages))),
    };
    const bareFanOut = await measure(clients, () =>
      bare.ask({ type: 'emit', siteIds, template: busiest ?? template, durationMs: PHASE_MS, ...fanOut }),
    );
    await disconnect(clients);

    const result: RunResult = {
      bare: {
        p50: bareStats.p50,
        p99: bareStats.p99,
        updatesPerSecond: bareStats.messages / bareStats.seconds,
        bytesPerClient: (bareAfter - bareBefore) / CLIENTS,
      },
      plateau: {
        p50: plateau.p50,
        p99: plateau.p99,
        updatesPerSecond: plateau.messages / plateau.seconds,
        bytesPerClient: (apiAfter - apiBefore) / CLIENTS,
      },
      ingest: {
        offered: ingestCounts.offered / ingestCounts.seconds,
        applied: ingestCounts.applied / ingestCounts.seconds,
        errors: ingestCounts.errors,
        p50: ingest.p50,
        p99: ingest.p99,
        updatesPerSecond: ingest.messages / ingest.seconds,
        deliveryP50: ingest.deliveryP50,
        deliveryP99: ingest.deliveryP99,
      },
      bareFanOut: {
        p50: bareFanOut.p50,
        p99: bareFanOut.p99,
        updatesPerSecond: bareFanOut.messages / bareFanOut.seconds,
        seatsPerUpdate: fanOut.seatsPerUpdate,
      },
    };
    console.log(
      `run ${run}: ${JSON.stringify(result, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`,
    );
    return result;
  } finally {
    await Promise.all([
      ...clients.map((child) => child.stop()),
      bare.stop(),
      ...apis.map((api) => api.child.stop()),
    ]);
    await database?.drop();
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:live — ${CLIENTS} clients (${CLIENT_PROCESSES} processes) over ${SITES} sites x ${SEATS_PER_SITE} seats; ${NODES} api node(s); ${LOW_RATE} events/s vs bare; ingest ${INGEST_RATE} events/s; ${PHASE_MS / 1000} s phases; ${RUNS} runs; activity to every room every ${Number(process.env.BENCH_ACTIVITY_MS ?? 5000) / 1000 || 'minute (rollup only)'}${Number(process.env.BENCH_ACTIVITY_MS ?? 5000) ? ' s' : ''}; ${PRODUCTION ? 'production mode (PostgreSQL + Redis)' : 'embedded mode (embedded PostgreSQL + memory)'}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  );
  if (NODES > 1 && !PRODUCTION)
    throw new Error('BENCH_NODES > 1 needs DATABASE_URL and REDIS_URL: the nodes share them (Redis adapter)');
  if (process.env.BENCH_PROFILE === '1') await rm(PROFILE_DIR, { recursive: true, force: true });
  const results: RunResult[] = [];
  for (let run = 1; run <= RUNS; run++) results.push(await runOnce(run));
  const m = (pick: (r: RunResult) => number) => median(results.map(pick));
  const bareP99 = m((r) => r.bare.p99);
  const plateauP99 = m((r) => r.plateau.p99);
  const memoryRatio = m((r) => r.plateau.bytesPerClient / r.bare.bytesPerClient);
  const rows = [
    ['', 'p50 ms', 'p99 ms', 'updates/s delivered', 'KiB per dashboard'],
    [
      'bare socket.io @20/s',
      m((r) => r.bare.p50),
      bareP99,
      m((r) => r.bare.updatesPerSecond),
      m((r) => r.bare.bytesPerClient) / 1024,
    ],
    [
      'Plateau @20 events/s',
      m((r) => r.plateau.p50),
      plateauP99,
      m((r) => r.plateau.updatesPerSecond),
      m((r) => r.plateau.bytesPerClient) / 1024,
    ],
    [
      `Plateau ingest @${INGEST_RATE}/s`,
      m((r) => r.ingest.p50),
      m((r) => r.ingest.p99),
      m((r) => r.ingest.updatesPerSecond),
      NaN,
    ],
    [
      `bare, ingest's fan-out (${m((r) => r.bareFanOut.seatsPerUpdate)} seats)`,
      m((r) => r.bareFanOut.p50),
      m((r) => r.bareFanOut.p99),
      m((r) => r.bareFanOut.updatesPerSecond),
      NaN,
    ],
  ];
  console.log(`\nmedians of ${RUNS} runs`);
  for (const row of rows)
    console.log(
      row
        .map((cell, i) =>
          (typeof cell === 'number' ? (Number.isNaN(cell) ? '' : cell.toFixed(1)) : cell).padStart(
            i ? 20 : 26,
          ),
        )
        .join(''),
    );
  const applied = m((r) => r.ingest.applied);
  const goals = [
    [
      `p99 at ${LOW_RATE}/s <= bare p99 + 50 ms`,
      plateauP99 <= bareP99 + 50,
      `${plateauP99.toFixed(1)} vs ${(bareP99 + 50).toFixed(1)}`,
    ],
    [
      `sustained ingest >= ${INGEST_RATE}/s`,
      applied >= INGEST_RATE * 0.98,
      `${applied.toFixed(0)} events/s applied (${m((r) => r.ingest.errors)} errors)`,
    ],
    [
      'update p99 under ingest < 250 ms',
      m((r) => r.ingest.p99) < 250,
      `${m((r) => r.ingest.p99).toFixed(1)} ms (bare socket.io sending the same updates to the same clients: ${m((r) => r.bareFanOut.p99).toFixed(1)} ms)`,
    ],
    ['memory per dashboard <= 1.3x bare', memoryRatio <= 1.3, `${memoryRatio.toFixed(2)}x`],
  ] as const;
  console.log('');
  for (const [goal, met, detail] of goals) console.log(`${met ? 'MET ' : 'MISS'}  ${goal}: ${detail}`);
  console.log(`ratio p99 Plateau/bare @${LOW_RATE}/s: ${(plateauP99 / bareP99).toFixed(2)}`);
  console.log(
    `machine load average at the end: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
  if (process.env.BENCH_PROFILE === '1') console.log(`\n${await summariseProfiles(PROFILE_DIR)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
