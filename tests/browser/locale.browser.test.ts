import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '#alerts';
import { chromiumPath, eventually, startWebHarness, type WebHarness } from '../support/browser.js';
import { demoNetwork } from '../support/live.js';

const executable = chromiumPath();

describe.skipIf(!executable)('web app in Chromium: the reader’s locale', { timeout: 60_000 }, () => {
  let web: WebHarness;

  beforeAll(async () => {
    web = await startWebHarness(executable!);
    const network = await demoNetwork(web.api);
    const admin = await web.api.tokenFor('admin');
    // a site big enough that the network's installed seats need a thousands separator
    const created = await web.api.request('/api/v1/sites', {
      method: 'POST',
      token: admin,
      json: {
        partnerId: network.sites[0].partnerId,
        name: 'Plateau Fès',
        city: 'Fès',
        country: 'MA',
        timeZone: 'Africa/Casablanca',
        installedSeats: 1500,
      },
    });
    expect(created.status, created.text).toBe(201);
    for (let wait = 0; wait < 450; wait++) {
      const live = await web.api.request('/api/v1/live?scope=network', { token: admin });
      if (live.body.sites.length === network.sites.length + 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await web.api.app.get(AlertsService).raise({
      kind: 'browser.locale',
      siteId: network.sites[0].id,
      dedupeKey: `site:${network.sites[0].id}`,
      message: 'Seats below plan',
    });
  }, 120_000);
  afterAll(() => web?.close());

  it.each([
    ['fr-FR', /^0 \/ \d{1,3}[\u202f\u00a0 ]\d{3}$/, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} UTC\+1/],
    ['en-GB', /^0 \/ \d{1,3},\d{3}$/, /\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} (CET|GMT\+1)/],
  ])('formats numbers and dates for a %s reader, times with their zone', async (locale, staffed, opened) => {
    const session = await web.open('supervisor', undefined, { locale, timezoneId: 'Europe/Paris' });
    const { page } = session;
    const network = page.getByTestId('network-tile').getByTestId('staffed');
    await eventually(async () => (await network.textContent())?.trim()).toMatch(staffed);
    const alert = page.getByTestId('alert').filter({ hasText: 'Seats below plan' });
    await eventually(() => alert.textContent()).toMatch(opened);
    await session.screenshot(`wall-${locale}`);
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it.each([
    ['fr-FR', /^[a-zéû]{3,5}\.? \d{2}$/],
    ['en-GB', /^[A-Z][a-z]{2,3} \d{2}$/],
  ])(
    'labels a chart’s months for a %s reader and marks the month in progress on the chart',
    async (locale, month) => {
      const session = await web.open('supervisor', undefined, { locale, timezoneId: 'Europe/Paris' });
      const { page } = session;
      await session.goto('/headcount');
      await page.getByTestId('partial-month').waitFor();
      for (const name of ['Month-end headcount by partner', 'Monthly attrition rate']) {
        const chart = page.getByRole('img', { name });
        // the time axis: months in the reader's language, never a time of day or milliseconds
        await eventually(() => chart.getAttribute('data-time-ticks')).toMatch(/\S/);
        const ticks = (await chart.getAttribute('data-time-ticks'))!.split(' | ');
        for (const tick of ticks) expect(tick).toMatch(month);
        // the month in progress: a labelled band over the chart's last segment, up to its right edge
        const band = chart.getByTestId('chart-partial');
        expect(await band.textContent()).toBe('month to date');
        expect(await chart.getAttribute('aria-label')).toContain(
          'the last period is partial (month to date)',
        );
        const plot = (await chart.locator('.u-over').boundingBox())!;
        const box = (await band.boundingBox())!;
        expect(box.width).toBeGreaterThan(10);
        expect(box.x).toBeGreaterThan(plot.x + plot.width / 2);
        expect(Math.abs(box.x + box.width - (plot.x + plot.width))).toBeLessThan(2);
      }
      await session.screenshot(`headcount-partial-${locale}`);
      expect(session.unexpectedConsoleErrors()).toEqual([]);
    },
  );
});
