import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallboardStore } from '../../libs/wallboard/src/store/wallboard.store.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

describe('activity seat minutes', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ REDIS_URL: '', SEED_DEMO: 'false' });
  });
  afterAll(() => api?.close());

  // a scheduled rollup and another one (a retry, a second worker) sampling the same minute at once:
  // before they took turns, the second failed with 23505 on the first's uncommitted rows
  it('lets samples of the same minute written at once replace each other instead of failing', async () => {
    const store = api.app.get(WallboardStore);
    const minute = new Date('2026-11-23T16:00:00Z');
    const site = randomUUID();
    const campaigns = Array.from({ length: 50 }, () => randomUUID());
    const sample = (staffed: number) =>
      campaigns.map((campaignId) => ({
        siteId: site,
        campaignId,
        onCall: 1,
        wrapUp: 0,
        available: 1,
        staffed,
      }));
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5, 6].map((staffed) => store.saveSeatMinutes(minute, sample(staffed))),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const rows = await store.seatMinutes([[minute, new Date(minute.getTime() + 60_000)]]);
    expect(rows).toHaveLength(campaigns.length);
    // one whole sample won: every row of the minute comes from the same one
    expect(new Set(rows.map((row) => row.staffed)).size).toBe(1);
  });
});
