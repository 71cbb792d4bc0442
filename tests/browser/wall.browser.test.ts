import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '#alerts';
import { LiveGateway } from '#live';
import { chromiumPath, eventually, startWebHarness, type WebHarness } from '../support/browser.js';
import { demoNetwork, isoAgo, postSeatEvents } from '../support/live.js';

const executable = chromiumPath();

describe.skipIf(!executable)('web app in Chromium: supervisor wall', { timeout: 60_000 }, () => {
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
    await eventually(() => page.getByTestId('site-tile').count()).toBe(network.sites.length);
    await eventually(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');
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
    await eventually(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');

    const partner = await web.api.tokenFor('partner');
    const seats = site.seats.slice(0, 3);
    const posted = await postSeatEvents(
      web.api,
      site.id,
      seats.map((seatId) => ({ seatId, state: 'on_call', at: isoAgo(1_000) })),
      partner,
    );
    expect(posted.status).toBe(200);
    await eventually(() => tile.getByTestId('on-call').textContent(), 10_000).toBe(String(before + 3));
    await eventually(() => tile.getByTestId('occupancy').textContent()).toBe('100 %');
    await session.screenshot('wall-after-seat-events');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('a partner sees only its own sites on the wall', async () => {
    const session = await web.open('partner');
    const { page } = session;
    await session.goto('/wall');
    const sittel = network.partner('Sittel').id;
    const own = network.sites.filter((site) => site.partnerId === sittel);
    await eventually(() => page.getByTestId('site-tile').count()).toBe(own.length);
    const shown = await page
      .getByTestId('site-tile')
      .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-site-id')));
    expect(shown.sort()).toEqual(own.map((site) => site.id).sort());
    expect(await page.locator('main').textContent()).not.toMatch(/Webhelp|Phone Assistance/);
    // its name once as a tile heading (its partner tile), the totals tile is "All your sites"
    expect(await page.getByRole('heading', { name: 'Sittel', exact: true }).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('network-tile').locator('h2').textContent())
      .toBe('All your sites');
    await session.screenshot('wall-partner');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('reconnects and resubscribes after the connection drops, then keeps updating', async () => {
    const session = await web.open('supervisor');
    const { page } = session;
    const site = network.siteOf('Webhelp');
    const tile = page.locator(`[data-testid="site-tile"][data-site-id="${site.id}"]`);
    await eventually(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');
    const before = Number(await tile.getByTestId('on-call').textContent());

    // the api drops every live connection (as a restart or a network cut would)
    const gateway = web.api.app.get(LiveGateway) as unknown as {
      io: { of(name: string): { disconnectSockets(close: boolean): void } };
    };
    gateway.io.of('/live').disconnectSockets(true);
    await eventually(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');

    const posted = await postSeatEvents(
      web.api,
      site.id,
      [{ seatId: site.seats[0], state: 'on_call', at: isoAgo(500) }],
      await web.api.tokenFor('partner2'),
    );
    expect(posted.status).toBe(200);
    await eventually(() => tile.getByTestId('on-call').textContent(), 10_000).toBe(String(before + 1));
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('shows an alert the moment it opens, and drops it when resolved', async () => {
    const session = await web.open('supervisor');
    const { page } = session;
    await eventually(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');
    const site = network.siteOf('Phone Assistance');
    const alerts = web.api.app.get(AlertsService);
    await alerts.raise({
      kind: 'browser.test',
      siteId: site.id,
      dedupeKey: `site:${site.id}`,
      message: 'Seats below target at Phone Assistance',
    });
    const alert = page.getByTestId('alert').filter({ hasText: 'Seats below target at Phone Assistance' });
    await eventually(() => alert.count(), 10_000).toBe(1);
    await eventually(() => alert.textContent()).toContain(site.name);
    await session.screenshot('wall-alert');
    await alerts.resolve('browser.test', `site:${site.id}`);
    await eventually(() => alert.count(), 10_000).toBe(0);
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('fits a wall screen (1920x1080) with every site visible', async () => {
    const session = await web.open('supervisor', { width: 1920, height: 1080 });
    const { page } = session;
    await eventually(() => page.getByTestId('site-tile').count()).toBe(network.sites.length);
    expect(await page.getByRole('button', { name: 'Laptop layout' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const bottoms = await page
      .getByTestId('site-tile')
      .evaluateAll((tiles) => tiles.map((tile) => tile.getBoundingClientRect().bottom));
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(1080);
    await session.screenshot('wall-1920', false);
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('the headcount figure follows a staffing report as it is submitted', async () => {
    const session = await web.open('supervisor');
    const { page } = session;
    const site = network.sites.find((candidate) => candidate.name === 'Sittel Mohammedia')!;
    const tile = page.locator(`[data-testid="site-tile"][data-site-id="${site.id}"]`);
    // the demo history gives every site a headcount before anything is reported today
    await eventually(() => tile.getByTestId('headcount').textContent()).toMatch(/^\d+$/);
    await eventually(() => page.getByTestId('connection').getAttribute('data-state')).toBe('live');
    const report = await web.api.request(`/api/v1/sites/${site.id}/staffing-reports`, {
      method: 'POST',
      token: await web.api.tokenFor('partner'),
      json: {
        period: new Date().toISOString().slice(0, 10),
        agentsInProduction: 41,
        agentsInTraining: 7,
        teamLeaders: 3,
        supervisors: 1,
        trainersQa: 1,
        hires: 2,
        leavers: 1,
        seatsInstalled: 60,
        seatsStaffed: 48,
        absenteeismPct: 4,
      },
    });
    expect(report.status, report.text).toBe(201);
    await eventually(() => tile.getByTestId('headcount').textContent()).toBe('53');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('is keyboard navigable: skip link, then the navigation in order', async () => {
    const session = await web.open('supervisor');
    const { page } = session;
    await page.getByTestId('site-tile').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Wall');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('My wall');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Headcount');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/headcount$/);
    await page.getByTestId('headcount-table').waitFor();
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('refuses a wrong password with a message, and each role gets its own navigation', async () => {
    const session = await web.open();
    const { page } = session;
    session.expectConsoleError(/status of 401/);
    await session.goto('/headcount');
    await page.waitForURL(/\/sign-in\?next=%2Fheadcount$/);
    await page.getByLabel('Email').fill('supervisor@plateau.demo');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toBe('Wrong email or password.');
    await session.screenshot('sign-in-refused');
    await page.getByLabel('Password').fill('plateau-supervisor-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/headcount$/); // back where they were going
    expect(session.unexpectedConsoleErrors()).toEqual([]);

    const navigation = async (role: 'admin' | 'partner' | 'manager') => {
      const other = await web.open(role);
      const links = await other.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link')
        .allTextContents();
      expect(other.unexpectedConsoleErrors()).toEqual([]);
      return links;
    };
    expect(await navigation('admin')).toEqual([
      'Wall',
      'My wall',
      'Headcount',
      'Planning',
      'Staffing reports',
      'Campaigns',
      'Billing',
      'Transparency',
      'Compliance',
    ]);
    expect(await navigation('manager')).toEqual([
      'Wall',
      'My wall',
      'Headcount',
      'Planning',
      'Campaigns',
      'Billing',
      'Transparency',
      'Compliance',
    ]);
    expect(await navigation('partner')).toEqual(['Wall', 'My wall', 'Staffing reports', 'Billing']);
  });

  it('lays out on a laptop (1366x768)', async () => {
    const session = await web.open('supervisor', { width: 1366, height: 768 });
    await eventually(() => session.page.getByTestId('site-tile').count()).toBe(network.sites.length);
    const overflow = await session.page.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0); // no horizontal scrolling
    await session.screenshot('wall-laptop', false);
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
