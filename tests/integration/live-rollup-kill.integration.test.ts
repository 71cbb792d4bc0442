import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dueAtOf } from '#jobs';
import { waitFor } from '../support/campaigns.js';
import { IN_CI, redisUrl, serverDatabaseUrl } from '../support/environment.js';
import { backendsGone, holdLock } from '../support/faults.js';
import { demoNetwork, isoAgo, postSeatEvents } from '../support/live.js';
import { exited, startWorkerProcess, watchJobs } from '../support/processes.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const REDIS = redisUrl();
const POSTGRES = serverDatabaseUrl();

/**
 * apps/worker killed (SIGKILL) in the middle of the live minute rollup, on the real PostgreSQL and
 * Redis: the next worker takes the job over once its lock expires, up to 30 s later and often in
 * the next minute, and still writes the minute the killed run was for, once.
 */
describe.skipIf((!REDIS || !POSTGRES) && !IN_CI)('live rollup on BullMQ, worker killed mid-job', () => {
  let api: TestApi;
  const children: ChildProcess[] = [];
  let jobs: ReturnType<typeof watchJobs> | undefined;
  afterAll(async () => {
    children.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
    await jobs?.close();
    await api?.close();
  });

  it('writes the minute of the killed run, exactly once, when the next worker takes the job over', async () => {
    api = await startTestApi({ REDIS_URL: REDIS! });
    const env = {
      DATABASE_URL: api.config.DATABASE_URL!,
      REDIS_URL: REDIS!,
      JOBS_PREFIX: api.config.JOBS_PREFIX,
      REDIS_PREFIX: api.config.REDIS_PREFIX,
    };
    jobs = watchJobs(REDIS!, env.JOBS_PREFIX);
    const worker = () => {
      const child = startWorkerProcess(env);
      children.push(child);
      return child;
    };
    const admin = await api.tokenFor('admin');
    const site = (await demoNetwork(api)).siteOf('Sittel');
    const [a, b, c, d, e] = site.seats;
    const posted = await postSeatEvents(
      api,
      site.id,
      [
        { seatId: a, state: 'on_call', at: isoAgo(2000) },
        { seatId: b, state: 'on_call', at: isoAgo(2000) },
        { seatId: c, state: 'available', at: isoAgo(2000) },
        { seatId: d, state: 'wrap_up', at: isoAgo(2000) },
        { seatId: e, state: 'paused', pauseReason: 'lunch', at: isoAgo(2000) },
      ],
      admin,
    );
    expect(posted.status, posted.text).toBe(200);
    const data = api.app.get(DataSource);
    const minuteRows = async (minute: Date) =>
      data.query(
        `SELECT on_call, available, wrap_up, paused, paused_lunch FROM live_site_minute WHERE site_id = $1 AND minute = $2`,
        [site.id, minute],
      );

    // the worker's first rollup runs at its start; the next one, a minute later, finds its cached
    // copy of the network older than 30 s and reads the seat table again: held by the test, it
    // stops there, before writing its minute
    const first = worker();
    await jobs.completed('live.rollup');
    const lock = await holdLock(data, `LOCK TABLE seat IN ACCESS EXCLUSIVE MODE`);
    const killed = await jobs.running('live.rollup');
    const minute = new Date(Math.floor(dueAtOf(killed).getTime() / 60_000) * 60_000);
    const waiting = await waitFor(
      () => lock.blocked('seat'),
      (pids) => pids.length > 0,
      60_000,
    );
    first.kill('SIGKILL');
    await exited(first);
    await lock.release();
    await backendsGone(data, waiting);
    expect(await minuteRows(minute)).toEqual([]); // killed before it wrote anything

    // the next worker starts after that minute ended, as a restarted container may
    const untilEnd = minute.getTime() + 60_000 + 1_000 - Date.now();
    if (untilEnd > 0) await new Promise((resolve) => setTimeout(resolve, untilEnd));
    worker();
    await waitFor(
      () => jobs!.state(killed.id!),
      (state) => state === 'completed',
      180_000,
    );
    expect(await minuteRows(minute)).toEqual([
      { on_call: 2, available: 1, wrap_up: 1, paused: 1, paused_lunch: 1 },
    ]);
  }, 420_000);
});
