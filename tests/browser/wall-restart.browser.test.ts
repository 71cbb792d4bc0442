import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, eventually, startWebHarness, type WebHarness } from '../support/browser.js';
import { serverDatabaseUrl } from '../support/environment.js';
import { demoNetwork, isoAgo, postSeatEvents } from '../support/live.js';

const executable = chromiumPath();

/**
 * The api keeps live state in memory (no REDIS_URL): a restart starts every site's seq over. The
 * wall must notice (the server epoch changes) and take fresh snapshots instead of keeping the
 * figures with the higher seq of the server that is gone.
 */
describe.skipIf(!executable)(
  'web app in Chromium: the wall across an api restart',
  { timeout: 120_000 },
  () => {
    let web: WebHarness;
    let network: Awaited<ReturnType<typeof demoNetwork>>;
    const dataDir = serverDatabaseUrl() ? undefined : mkdtempSync(join(tmpdir(), 'plateau-restart-'));

    beforeAll(async () => {
      web = await startWebHarness(executable!, { REDIS_URL: '', ...(dataDir ? { DATA_DIR: dataDir } : {}) });
      network = await demoNetwork(web.api);
    }, 180_000);
    afterAll(async () => {
      await web?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    const onCallOnServer = async (siteId: string) =>
      (await web.api.request(`/api/v1/sites/${siteId}/live`, { token: await web.api.tokenFor('admin') })).body
        .totals.counts.on_call as number;

    it('re-snapshots after the api restarts under an open wall, and follows the new server', async () => {
      const session = await web.open('supervisor');
      const { page } = session;
      const site = network.siteOf('Sittel');
      const tile = page.locator(`[data-testid="site-tile"][data-site-id="${site.id}"]`);
      await eventually(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');
      const partner = await web.api.tokenFor('partner');
      const seats = site.seats.slice(0, 6);
      // six batches: the site's seq reaches 6 on this server
      for (const [index, seatId] of seats.entries()) {
        const posted = await postSeatEvents(
          web.api,
          site.id,
          [{ seatId, state: 'on_call', at: isoAgo(60_000 - index) }],
          partner,
        );
        expect(posted.status).toBe(200);
      }
      const before = await onCallOnServer(site.id);
      await eventually(() => tile.getByTestId('on-call').textContent(), 10_000).toBe(String(before));

      await web.api.restart();
      // one batch on the new server: its seq (1 or 2) is below what the wall holds
      const posted = await postSeatEvents(
        web.api,
        site.id,
        seats.map((seatId) => ({ seatId, state: 'available', at: isoAgo(1_000) })),
        partner,
      );
      expect(posted.status).toBe(200);
      const after = await onCallOnServer(site.id);
      expect(after).toBe(before - seats.length);
      await eventually(() => page.getByTestId('connection').getAttribute('data-state'), 30_000).toBe('live');
      await eventually(() => tile.getByTestId('on-call').textContent(), 15_000).toBe(String(after));

      // and it keeps following deltas of the new server
      const again = await postSeatEvents(
        web.api,
        site.id,
        [{ seatId: seats[0], state: 'on_call', at: isoAgo(500) }],
        partner,
      );
      expect(again.status).toBe(200);
      await eventually(() => tile.getByTestId('on-call').textContent(), 10_000).toBe(String(after + 1));
      await session.screenshot('wall-after-restart');
    });
  },
);
