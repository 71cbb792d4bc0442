import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '#contracts';
import { DEMO_LOGINS } from '../support/test-api.js';

/**
 * The api killed with SIGKILL in the middle of writes, on a persistent embedded data directory:
 * its PostgreSQL server is left running (an orphan, its watchdog killed too), and the next start
 * on the same directory stops the orphan and finds every acknowledged write.
 */
describe.skipIf(process.platform !== 'linux')('embedded mode after a SIGKILL of the api', () => {
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'plateau-crash-'));
  });
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const pid = postmasterPid();
    if (pid && alive(pid)) process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && pid && alive(pid); i++) await sleep(100);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const postmasterPid = (): number | undefined => {
    const file = join(dataDir, 'postgres', 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
  };

  /** Starts apps/api/src/main.ts as `npm start` would, in embedded mode on dataDir. */
  const startApi = async (): Promise<{ child: ChildProcess; url: string }> => {
    const port = await freePort();
    const child = spawn(
      'node_modules/.bin/vite-node',
      ['--config', 'vitest.config.ts', 'apps/api/src/main.ts'],
      {
        env: {
          ...process.env,
          DATABASE_URL: '',
          REDIS_URL: '',
          DATA_DIR: dataDir,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          NODE_ENV: 'development',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}`);
      if ((await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200) return { child, url };
      await sleep(100);
    }
    throw new Error('the api did not get ready in 120 s');
  };

  const login = async (url: string) => {
    const [email, password] = DEMO_LOGINS.partner;
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const get = async <T>(url: string, token: string): Promise<T> =>
    (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<T>;

  it('keeps every acknowledged staffing report, and stops the orphaned server at the next start', async () => {
    const first = await startApi();
    const token = await login(first.url);
    const sites = await get<{ items: Array<{ id: string }> }>(`${first.url}/api/v1/sites`, token);
    const siteId = sites.items[0]!.id;

    // four writers report one period after another until the api dies under them
    const acknowledged: string[] = [];
    let next = 0;
    const writer = async () => {
      for (;;) {
        const day = new Date(Date.UTC(2025, 0, 1) + next++ * 86_400_000).toISOString().slice(0, 10);
        const response = await fetch(`${first.url}/api/v1/sites/${siteId}/staffing-reports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            period: day,
            agentsInProduction: 40,
            agentsInTraining: 2,
            teamLeaders: 3,
            supervisors: 1,
            trainersQa: 1,
            hires: 0,
            leavers: 0,
            seatsInstalled: 60,
            seatsStaffed: 50,
            absenteeismPct: 3,
          }),
        }).catch(() => undefined);
        if (!response) return; // the api is gone
        if (response.status === 201) acknowledged.push(day);
      }
    };
    const writers = Promise.all([writer(), writer(), writer(), writer()]);
    while (acknowledged.length < 40) await sleep(20);

    // the api and its watchdog die at once: nothing of the api's runs, its server is left running
    const orphan = postmasterPid()!;
    const watchdogs = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(first.child.pid)], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, command]) => command === 'sh')
      .map(([pid]) => Number(pid));
    expect(watchdogs).toHaveLength(1);
    process.kill(watchdogs[0]!, 'SIGKILL');
    first.child.kill('SIGKILL');
    await writers;
    await sleep(300);
    expect(alive(orphan)).toBe(true);

    const second = await startApi();
    expect(alive(orphan)).toBe(false);
    expect(postmasterPid()).not.toBe(orphan);
    const again = await login(second.url);
    // (the api runs from source here, where query strings are not converted: path parameters only)
    const missing: string[] = [];
    for (const day of acknowledged) {
      const history = await fetch(`${second.url}/api/v1/sites/${siteId}/staffing-reports/${day}`, {
        headers: { authorization: `Bearer ${again}` },
      });
      if (history.status !== 200 || !((await history.json()) as unknown[]).length) missing.push(day);
    }
    expect(missing).toEqual([]);
    console.log(
      `crash: ${acknowledged.length} staffing reports acknowledged before the SIGKILL, all found after the restart`,
    );

    // a SIGTERM stops the api and its server
    const server = postmasterPid()!;
    second.child.kill('SIGTERM');
    for (let i = 0; i < 300 && alive(server); i++) await sleep(100);
    expect(alive(server)).toBe(false);
  }, 300_000);

  it('keeps every acknowledged seat event, even those of the last seconds before a SIGKILL', async () => {
    const first = await startApi();
    const token = await login(first.url);
    const siteId = (await get<{ items: Array<{ id: string }> }>(`${first.url}/api/v1/sites`, token)).items[0]!
      .id;
    const seats = (
      await get<{ items: Array<{ id: string }> }>(`${first.url}/api/v1/sites/${siteId}/seats`, token)
    ).items
      .slice(0, 20)
      .map((seat) => seat.id);
    expect(seats.length).toBeGreaterThan(5);

    // two feeds move every seat again and again until the api dies under them (no minute rollup
    // runs in between: the api was started seconds ago)
    const states = ['available', 'on_call', 'wrap_up', 'paused'] as const;
    const acknowledged = new Map<string, number>();
    let batches = 0;
    const feed = async (offset: number) => {
      for (let round = offset; ; round += 2) {
        const at = new Date().toISOString();
        const response = await fetch(`${first.url}/api/v1/sites/${siteId}/seat-events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            events: seats.map((seatId) => ({ seatId, state: states[round % states.length], at })),
          }),
        }).catch(() => undefined);
        if (!response) return;
        if (response.status !== 200) continue;
        batches++;
        for (const seatId of seats)
          acknowledged.set(seatId, Math.max(acknowledged.get(seatId) ?? 0, Date.parse(at)));
      }
    };
    const feeds = Promise.all([feed(0), feed(1)]);
    while (batches < 30) await sleep(20);
    first.child.kill('SIGKILL');
    await feeds;

    const second = await startApi();
    const again = await login(second.url);
    const live = await get<LiveSnapshot>(`${second.url}/api/v1/sites/${siteId}/live`, again);
    const restored = new Map(live.seats!.map((seat) => [seat.seatId, Date.parse(seat.at)]));
    const lost = seats.filter((seatId) => !((restored.get(seatId) ?? 0) >= acknowledged.get(seatId)!));
    console.log(
      `crash: ${batches} seat event batches acknowledged before the SIGKILL; seats behind their last acknowledged event after the restart: ${lost.length}`,
    );
    expect(lost).toEqual([]);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  }, 300_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
