import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { contractBody } from '../support/billing.js';
import { chromiumPath, eventually, startWebHarness, type WebHarness } from '../support/browser.js';
import { type DemoSite, demoNetwork } from '../support/live.js';

const executable = chromiumPath();

describe.skipIf(!executable)('web app in Chromium: the monthly billing check', { timeout: 60_000 }, () => {
  let web: WebHarness;
  let sittel: DemoSite;

  beforeAll(async () => {
    web = await startWebHarness(executable!);
    sittel = (await demoNetwork(web.api)).siteOf('Sittel');
    const [manager, partner] = [await web.api.tokenFor('manager'), await web.api.tokenFor('partner')];
    const contract = await web.api.request('/api/v1/billing/contracts', {
      method: 'POST',
      token: manager,
      json: contractBody(sittel.partnerId, 'Sittel 2026', { creditPerAdherenceBreach: 500 }),
    });
    expect(contract.status, contract.text).toBe(201);
    // 10:00-10:29 on 2 March (Casablanca on UTC+0): 4 agents on call each minute = 2 h against 1 h requested
    for (let m = 0; m < 30; m++)
      await web.api.app.get(DataSource).query(
        `INSERT INTO live_site_minute (site_id, minute, seats, offline, available, on_call, wrap_up, paused, staffed)
         VALUES ($1, $2, 50, 46, 0, 4, 0, 0, 4)`,
        [sittel.id, new Date(Date.UTC(2026, 2, 2, 10, m))],
      );
    await web.api.request(`/api/v1/billing/sites/${sittel.id}/requested-hours`, {
      method: 'PUT',
      token: manager,
      json: { intervals: [{ start: '2026-03-02T10:00:00Z', hours: 1 }] },
    });
    const lines = await web.api.request('/api/v1/billing/invoice-lines', {
      method: 'POST',
      token: partner,
      json: {
        lines: [
          { siteId: sittel.id, period: '2026-03', hours: 2.5, amount: 250, reference: '=HYPERLINK("x")' },
        ],
      },
    });
    expect(lines.status, lines.text).toBe(201);
  }, 120_000);
  afterAll(() => web?.close());

  it('a manager sees billed against delivered, the heat map, disputes a line, and exports formulas neutralised', async () => {
    const session = await web.open('manager');
    const { page } = session;
    await session.goto('/billing');
    await page.locator('input[type="month"]').fill('2026-03');
    const row = page.getByTestId('billing-check').locator('tr', { hasText: sittel.name });
    // 2 h delivered x 100 MAD = 200 expected, 250 billed: +50
    await eventually(() => row.locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['2.00', '200.00 MAD', '250.00', '50.00']),
    );
    // cost per outcome per partner: Sittel's 200 MAD expected, no call made, so no cost per reached contact
    await eventually(() =>
      page.getByTestId('outcome-costs').locator('tbody tr').first().locator('td').allTextContents(),
    ).toEqual(['Sittel', 'all campaigns', '200.00 MAD', '0', '0', '0', '–', '–']);
    await row.getByRole('button', { name: sittel.name }).click();
    await page.getByTestId('adherence-heatmap').waitFor();
    // one measured interval: 4 agents against 2 requested, adherence 200%, out of tolerance
    await eventually(() => page.getByTestId('adherence-heatmap').locator('h2').textContent()).toContain(
      '0.0% of 1 intervals',
    );
    await session.screenshot('billing-check');

    page.once('dialog', (dialog) => void dialog.accept('0.5 h more than delivered'));
    await page.getByTestId('invoice-lines').getByRole('button', { name: 'Dispute' }).click();
    await eventually(() =>
      page.getByTestId('invoice-lines').locator('tbody tr').first().textContent(),
    ).toContain('disputed');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('invoice-lines').locator('..').getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('0.5 h more than delivered');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it("a manager enters the month's MAD→EUR rate with a decimal comma and sees it listed", async () => {
    const session = await web.open('manager');
    const { page } = session;
    await session.goto('/billing');
    await page.locator('input[type="month"]').fill('2026-03');
    const panel = page.getByTestId('exchange-rates');
    await eventually(() => panel.locator('tbody').textContent()).toContain('No rate for 2026');
    await panel.getByLabel('Euros for 1 MAD in 2026-03').fill('0,0921');
    await panel.getByRole('button', { name: 'Save rate' }).click();
    await eventually(() => panel.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      '2026-03',
      '0.0921',
      '1',
      expect.any(String),
      '',
    ]);
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
