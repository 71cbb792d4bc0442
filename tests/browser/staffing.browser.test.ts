import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, eventually, startWebHarness, type WebHarness } from '../support/browser.js';
import { demoNetwork } from '../support/live.js';

const executable = chromiumPath();

const COUNTS = {
  agentsInProduction: 80,
  agentsInTraining: 10,
  teamLeaders: 6,
  supervisors: 2,
  trainersQa: 2,
  hires: 4,
  leavers: 2,
};

const today = () => new Date().toISOString().slice(0, 10);

describe.skipIf(!executable)('web app in Chromium: partner portal and headcount', { timeout: 60_000 }, () => {
  let web: WebHarness;
  let network: Awaited<ReturnType<typeof demoNetwork>>;

  beforeAll(async () => {
    web = await startWebHarness(executable!);
    network = await demoNetwork(web.api);
    // the demo seed holds 18 months of history up to yesterday; Sittel Casablanca reports today too
    const partner = await web.api.tokenFor('partner');
    const casa = network.sites.find((site) => site.name === 'Sittel Casablanca')!;
    const response = await web.api.request(`/api/v1/sites/${casa.id}/staffing-reports`, {
      method: 'POST',
      token: partner,
      json: {
        period: today(),
        ...COUNTS,
        agentsInProduction: 100,
        seatsInstalled: 120,
        seatsStaffed: 100,
        absenteeismPct: 5,
      },
    });
    expect(response.status, response.text).toBe(201);
  }, 120_000);
  afterAll(() => web?.close());

  it('a partner reports by form: errors shown against the field, then stored and in the history', async () => {
    const session = await web.open('partner');
    const { page } = session;
    expect(new URL(page.url()).pathname).toBe('/portal');
    const sittel = network.partner('Sittel').id;
    const own = network.sites.filter((site) => site.partnerId === sittel);
    await eventually(async () =>
      (await page.getByTestId('site-select').locator('option').allTextContents()).sort(),
    ).toEqual(own.map((site) => site.name).sort());
    await page.getByTestId('site-select').selectOption({ label: 'Sittel Mohammedia' });
    const form = page.getByTestId('report-form');

    // nothing filled in: every missing count is named
    await form.getByRole('button', { name: 'Submit report' }).click();
    await page.getByTestId('error-agentsInProduction').waitFor();
    expect(session.consoleErrors.length).toBeGreaterThan(0); // the refused request (400)
    session.expectConsoleError(/status of 400/);

    for (const [name, value] of Object.entries(COUNTS))
      await form.locator(`[name="${name}"]`).fill(String(value));
    await form.locator('[name="seatsInstalled"]').fill('60');
    await form.locator('[name="seatsStaffed"]').fill('75');
    await form.getByRole('button', { name: 'Submit report' }).click();
    await eventually(() => page.getByTestId('error-seatsStaffed').textContent()).toContain('cannot exceed');
    expect(await page.getByTestId('error-agentsInProduction').count()).toBe(0);
    expect(await form.locator('[name="seatsStaffed"]').getAttribute('aria-invalid')).toBe('true');
    await session.screenshot('portal-form-errors');

    await form.locator('[name="seatsStaffed"]').fill('55');
    await form.getByRole('button', { name: 'Submit report' }).click();
    await eventually(() => page.getByTestId('form-message').textContent()).toContain('saved (version 1');
    // newest period first: today's report, version 1
    await eventually(() =>
      page.getByTestId('history-row').first().locator('th, td').allTextContents(),
    ).toEqual(expect.arrayContaining([today(), '1', '100']));
    await session.screenshot('portal-form-saved');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('a partner uploads a CSV: a bad line refuses the file with its line number, a good file is stored', async () => {
    const session = await web.open('partner');
    const { page } = session;
    session.expectConsoleError(/status of 400/);
    const casa = network.sites.find((site) => site.name === 'Sittel Casablanca')!;
    const mohammedia = network.sites.find((site) => site.name === 'Sittel Mohammedia')!;
    await page.getByRole('tab', { name: 'CSV file' }).click();
    const header =
      'siteId,period,agentsInProduction,agentsInTraining,teamLeaders,supervisors,trainersQa,hires,leavers,seatsInstalled,seatsStaffed,absenteeismPct,attritionNotes';
    const row = (siteId: string, staffed: number | string) =>
      `${siteId},${today()},90,8,6,2,2,3,1,120,${staffed},4.5,`;
    const upload = async (lines: string[]) => {
      await page.locator('input[type="file"]').setInputFiles({
        name: 'staffing.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header, ...lines].join('\n') + '\n'),
      });
      await page.getByRole('button', { name: 'Upload' }).click();
    };

    await upload([row(casa.id, 100), row(mohammedia.id, 'lots')]);
    await eventually(() => page.getByTestId('csv-error').allTextContents()).toEqual([
      expect.stringMatching(/^Line 3 · seatsStaffed: /),
    ]);
    await session.screenshot('portal-csv-errors');

    await upload([row(casa.id, 100), row(mohammedia.id, 50)]);
    await eventually(() => page.getByTestId('csv-result').textContent()).toContain('2 report(s) stored');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('a partner cannot open another partner’s site', async () => {
    const session = await web.open('partner');
    session.expectConsoleError(/status of 404/);
    const webhelp = network.siteOf('Webhelp');
    await session.goto(`/portal?site=${webhelp.id}`);
    await session.page.getByTestId('site-not-found').waitFor();
    expect(await session.page.locator('main').textContent()).not.toContain(webhelp.name);
    const options = await session.page.getByTestId('site-select').locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(0);
    expect(options.join()).not.toMatch(/Webhelp|Phone Assistance|Centre d'excellence/);
    await session.screenshot('portal-other-partner-site');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('a manager plans headcount and reads growth against plan by site, and exports it as CSV', async () => {
    const session = await web.open('manager');
    const { page } = session;
    await session.goto('/headcount');
    const form = page.getByTestId('plan-form');
    await form.getByLabel('Site').selectOption({ label: 'Sittel Casablanca' });
    await form.getByLabel('Month').fill(new Date().toISOString().slice(0, 7));
    await form.getByLabel('Planned headcount').fill('130');
    await form.getByRole('button', { name: 'Save plan' }).click();
    await eventually(() => form.getByRole('status').textContent()).toContain('set to 130');

    await page.getByLabel('Group by').selectOption('site');
    const table = page.getByTestId('headcount-table');
    const sittelRow = table.locator('tr', { hasText: 'Sittel Casablanca' });
    await eventually(() => sittelRow.locator('td').nth(1).textContent()).toBe('130');
    // this month ends on today's Casablanca report: 120 people (108 once the CSV test corrected it)
    expect([108, 120]).toContain(Number(await sittelRow.locator('td').nth(0).textContent()));
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    // by site the chart draws actuals only (plans in the table), and its legend shows no "--"
    const growthChart = page.getByRole('img', { name: 'Month-end headcount by site against plan' });
    const sites = await table.locator('tbody tr').count();
    await eventually(() => growthChart.locator('.u-legend .u-series').count()).toBe(sites + 1);
    expect(await page.locator('.u-legend .u-value').allTextContents()).not.toContain('--');
    // the month in progress says so: its figures are so far, not a month's
    const totals = page.getByTestId('headcount-totals');
    expect(await totals.getByTestId('partial-month').textContent()).toMatch(/month to date, day \d+ of \d+/);
    expect(await totals.locator('h2').textContent()).toMatch(/^[A-Z][a-z]+ \d{4}/);
    expect(await totals.textContent()).toContain('Attrition (so far)');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^group,key,month,headcount,plan,/);
    expect(csv).toContain('Sittel Casablanca,');
    await session.screenshot('headcount-manager');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('a supervisor reads headcount by country (onshore and offshore)', async () => {
    const session = await web.open('supervisor');
    const { page } = session;
    await page.getByRole('link', { name: 'Headcount' }).click();
    await page.getByLabel('Group by').selectOption('country');
    await eventually(() => page.getByTestId('headcount-table').locator('tbody tr').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('MA')]),
    );
    expect(await page.getByTestId('plan-form').count()).toBe(0);
    await session.screenshot('headcount-supervisor');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
