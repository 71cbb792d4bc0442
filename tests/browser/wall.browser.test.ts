import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, startWebHarness, type WebHarness } from '../support/browser.js';
import { demoNetwork, isoAgo, postSeatEvents } from '../support/live.js';

const executable = chromiumPath();

describe.skipIf(!executable)('web app in Chromium: supervisor wall', () => {
  let web: WebHarness;
  let network: Awaited<ReturnType<typeof demoNetwork>>;

  beforeAll(async () => {
    web = await startWebHarness(executable!);
    network = await demoNetwork(web.api);
  }, 120_000);
  afterAll(() => web?.close());

  it('a supervisor signs in and sees every site of the network, live', async () => {
    const session = await web.open('supervisor');
    const { page } = session;
    expect(new URL(page.url()).pathname).toBe('/wall');
    await expect.poll(() => page.getByTestId('site-tile').count()).toBe(network.sites.length);
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');
    const names = await page.getByTestId('partner-tile').locator('h2').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Sittel', 'Webhelp', 'Phone Assistance']));
    await session.screenshot('wall-supervisor');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('a seat event posted over HTTP appears on an open wall without reload', async () => {
    const session = await web.open('supervisor');
    const { page } = session;
    const site = network.siteOf('Sittel');
    const tile = page.locator(`[data-testid="site-tile"][data-site-id="${site.id}"]`);
    await tile.waitFor();
    const before = Number(await tile.getByTestId('on-call').textContent());
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');

    const partner = await web.api.tokenFor('partner');
    const seats = site.seats.slice(0, 3);
    const posted = await postSeatEvents(
      web.api,
      site.id,
      seats.map((seatId) => ({ seatId, state: 'on_call', at: isoAgo(1_000) })),
      partner,
    );
    expect(posted.status).toBe(200);
    await expect
      .poll(() => tile.getByTestId('on-call').textContent(), { timeout: 10_000 })
      .toBe(String(before + 3));
    await expect.poll(() => tile.getByTestId('occupancy').textContent()).toBe('100 %');
    await session.screenshot('wall-after-seat-events');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('a partner sees only its own sites on the wall', async () => {
    const session = await web.open('partner');
    const { page } = session;
    await session.goto('/wall');
    const sittel = network.partner('Sittel').id;
    const own = network.sites.filter((site) => site.partnerId === sittel);
    await expect.poll(() => page.getByTestId('site-tile').count()).toBe(own.length);
    const shown = await page
      .getByTestId('site-tile')
      .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-site-id')));
    expect(shown.sort()).toEqual(own.map((site) => site.id).sort());
    expect(await page.locator('main').textContent()).not.toMatch(/Webhelp|Phone Assistance/);
    await session.screenshot('wall-partner');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
