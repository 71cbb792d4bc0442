import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#config';
import type { LiveSnapshot } from '#contracts';
import { DatabaseLocation } from '#db';
import { JobQueue, type BullMqJobQueue } from '#jobs';
import { LiveRecovery } from '#live';
import { SeatStateStore } from '../../libs/live/src/store/seat-state.store.js';
import { IN_CI } from '../support/environment.js';
import { freePort, OwnRedis, until } from '../support/faults.js';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { type DemoSite, demoNetwork, isoAgo, postSeatEvents } from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { staffingReport } from '../support/staffing.js';

/** Embedded mode keeps live state in memory; each acknowledged batch is saved in PostgreSQL, so a restart gets it back. */
describe('embedded live state saved in PostgreSQL', () => {
  let api: TestApi;
  let sittel: DemoSite;

  beforeAll(async () => {
    api = await startTestApi({ REDIS_URL: '' });
    sittel = (await demoNetwork(api)).siteOf('Sittel');
  });
  afterAll(() => api?.close());

  it('restores the acknowledged seats into a fresh process, without waiting for a rollup', async () => {
    const partner = await api.tokenFor('partner');
    const events = sittel.seats.slice(0, 4).map((seatId, i) => ({
      seatId,
      state: (['on_call', 'available', 'paused', 'wrap_up'] as const)[i],
      at: isoAgo(5000 - i),
    }));
    expect((await postSeatEvents(api, sittel.id, events, partner)).status).toBe(200);
    const before = (await api.request(`/api/v1/sites/${sittel.id}/live`, { token: partner }))
      .body as LiveSnapshot;

    const restarted = await createApi(
      loadConfig({
        ...process.env,
        DATABASE_URL: await api.app.get(DatabaseLocation).url(),
        REDIS_URL: '',
        RUN_MIGRATIONS: 'false',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'silent',
      }),
    );
    try {
      await restarted.listen({ port: 0, host: '127.0.0.1' });
      const port = (restarted.getHttpServer().address() as { port: number }).port;
      const after = (await fetch(`http://127.0.0.1:${port}/api/v1/sites/${sittel.id}/live`, {
        headers: { authorization: `Bearer ${partner}` },
      }).then((r) => r.json())) as LiveSnapshot;
      expect(after.totals.counts).toEqual(before.totals.counts);
      expect(new Map(after.seats!.map((s) => [s.seatId, s]))).toEqual(
        new Map(before.seats!.map((s) => [s.seatId, s])),
      );
    } finally {
      await restarted.close();
    }
  });

  // two api nodes save batches of one site at the same moment, each in its dialer's order: before
  // the rows were written in seat order, PostgreSQL found a deadlock (40P01) and the request got a 500
  it('saves batches of the same seats in opposite orders at once without a deadlock', async () => {
    const store = api.app.get(SeatStateStore);
    const seats = sittel.seats;
    const batch = (order: string[], at: number) =>
      order.map((seatId) => ({
        seatId,
        state: 'available' as const,
        campaignId: null,
        pauseReason: null,
        at,
        since: at,
      }));
    for (let round = 0; round < 8; round++) {
      const at = Date.now() - 60_000 + round;
      const orders = [
        seats,
        [...seats].reverse(),
        [...seats].reverse(),
        seats,
        seats.slice(1),
        [...seats].reverse(),
      ];
      const results = await Promise.allSettled(
        orders.map((order) => store.save(sittel.id, batch(order, at))),
      );
      expect(
        results
          .filter((result) => result.status === 'rejected')
          .map((result) => String((result as PromiseRejectedResult).reason)),
      ).toEqual([]);
    }
    const saved = (await store.bySite()).get(sittel.id) ?? [];
    expect(saved.length).toBe(seats.length);
  });
});

/**
 * A Redis restarted without persistence comes back empty: the job schedules and the live state
 * (every acknowledged seat state, each site's declared headcount) are put back from the processes
 * and from PostgreSQL, without restarting anything. On a redis-server of the test's own.
 */
describe.skipIf(!OwnRedis.available() && !IN_CI)('after a Redis restarted empty', () => {
  let redis: OwnRedis;
  let api: TestApi;
  afterAll(async () => {
    await api?.close();
    await redis?.stop();
  });

  it('registers the job schedules again and fills the live state from PostgreSQL', async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    api = await startTestApi({ REDIS_URL: redis.url, PROCESS_JOBS_IN_API: 'true' });
    const admin = await api.tokenFor('admin');
    const site = (await demoNetwork(api)).siteOf('Sittel');
    const today = new Date().toISOString().slice(0, 10);
    const report = await api.request(`/api/v1/sites/${site.id}/staffing-reports`, {
      method: 'POST',
      token: admin,
      json: staffingReport(today),
    });
    expect(report.status, report.text).toBe(201);
    const events = site.seats.slice(0, 30).map((seatId, i) => ({
      seatId,
      state: (['on_call', 'available', 'paused', 'wrap_up'] as const)[i % 4],
      at: isoAgo(3000 - i),
    }));
    expect((await postSeatEvents(api, site.id, events, admin)).status).toBe(200);
    const live = async () =>
      (await api.request(`/api/v1/sites/${site.id}/live`, { token: admin })).body as LiveSnapshot;
    const before = await live();
    expect(before.sites[0]!.headcount).toBeGreaterThan(0);
    const queue = (api.app.get(JobQueue) as BullMqJobQueue).bullQueue;
    const schedules = async () => (await queue.getJobSchedulers()).map((s) => s.key).sort();
    const scheduled = await schedules();
    expect(scheduled).toEqual(expect.arrayContaining(['live.rollup', 'campaigns.expire-leases']));

    await redis.stop();
    await redis.start(); // empty: no persistence
    const restored = await until(async () => {
      const after = await live();
      return (
        after.epoch !== before.epoch &&
        after.seats?.length === before.seats?.length &&
        after.sites[0]!.headcount === before.sites[0]!.headcount &&
        (await schedules()).length === scheduled.length
      );
    }, 30_000);
    const after = await live();
    console.log(`Redis restarted empty: schedules and live state back ${restored} ms after its return`);
    expect(await schedules()).toEqual(scheduled);
    expect(after.totals.counts).toEqual(before.totals.counts);
    expect(after.sites[0]!.headcount).toBe(before.sites[0]!.headcount);
    expect(new Map(after.seats!.map((seat) => [seat.seatId, seat]))).toEqual(
      new Map(before.seats!.map((seat) => [seat.seatId, seat])),
    );
    expect(await api.app.get(LiveRecovery).fillIfEmpty()).toBe(false); // filled once, not again
  }, 120_000);
});
