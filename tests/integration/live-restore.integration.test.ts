import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#config';
import type { LiveSnapshot } from '#contracts';
import { DatabaseLocation } from '#db';
import { OccupancyRollup } from '#live';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { type DemoSite, demoNetwork, isoAgo, postSeatEvents } from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** Embedded mode keeps live state in memory; the minute rollup saves seat states so a restart gets them back. */
describe('embedded live state survives a restart through the rollup', () => {
  let api: TestApi;
  let sittel: DemoSite;

  beforeAll(async () => {
    api = await startTestApi({ REDIS_URL: '' });
    sittel = (await demoNetwork(api)).siteOf('Sittel');
  });
  afterAll(() => api?.close());

  it('restores the seats saved by the last rollup into a fresh process', async () => {
    const partner = await api.tokenFor('partner');
    const events = sittel.seats.slice(0, 4).map((seatId, i) => ({
      seatId,
      state: (['on_call', 'available', 'paused', 'wrap_up'] as const)[i],
      at: isoAgo(5000 - i),
    }));
    expect((await postSeatEvents(api, sittel.id, events, partner)).status).toBe(200);
    expect(await api.app.get(OccupancyRollup).rollup()).toMatchObject({ seats: 4 });
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
});
