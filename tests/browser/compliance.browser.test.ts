import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, eventually, startWebHarness, type WebHarness } from '../support/browser.js';
import { LAWFUL_MOMENT, pinClock, runningCampaign } from '../support/campaigns.js';
import { type DemoSite, demoNetwork } from '../support/live.js';

const executable = chromiumPath();

describe.skipIf(!executable)('web app in Chromium: the compliance report', { timeout: 60_000 }, () => {
  let web: WebHarness;
  let sittel: DemoSite;

  beforeAll(async () => {
    web = await startWebHarness(executable!, { PROCESS_JOBS_IN_API: 'true' });
    pinClock(web.api.app, LAWFUL_MOMENT); // Monday 23 November 2026, 11:00 in Paris
    sittel = (await demoNetwork(web.api)).siteOf('Sittel');
    const [manager, partner] = [await web.api.tokenFor('manager'), await web.api.tokenFor('partner')];
    const { id } = await runningCampaign(
      web.api,
      manager,
      ['06 57 01 00 01,A,B,consent,2026-01-10,WEB-1,,,,', '06 57 01 00 02,C,D,consent,2026-01-10,WEB-2,,,,'],
      [sittel],
      { name: 'Obsèques — audit novembre' },
    );
    const lease = await web.api.request(`/api/v1/sites/${sittel.id}/batches/lease`, {
      method: 'POST',
      token: partner,
      json: { campaignId: id, size: 2 },
    });
    const [first, second] = lease.body.contacts;
    const reported = await web.api.request(`/api/v1/batches/${lease.body.id}/outcomes`, {
      method: 'POST',
      token: partner,
      json: {
        outcomes: [
          { contactId: first.contactId, outcome: 'sale', callerNumber: '01 62 00 00 01' },
          { contactId: second.contactId, outcome: 'refused', callerNumber: '06 12 34 56 78' },
        ],
      },
    });
    expect(reported.status, reported.text).toBe(200);
  }, 120_000);
  afterAll(() => web?.close());

  it('a manager reads November’s report, opens the attempts behind a rule and downloads both as CSV', async () => {
    const session = await web.open('manager');
    const { page } = session;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compliance' }).click();
    await page.waitForURL(/\/compliance$/);
    const form = page.getByRole('form', { name: 'Filter the report' });
    await form.getByLabel('From').fill('2026-11-01');
    await form.getByLabel('To').fill('2026-11-30');
    await form.getByRole('button', { name: 'Show' }).click();
    const row = page.getByTestId('compliance-row');
    await eventually(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Obsèques — audit novembre');
    const callerNumber = page.locator('[data-rule="caller_number"]');
    await eventually(() => callerNumber.locator('strong').textContent()).toBe('1');
    expect(await page.locator('[data-rule="refusal"] strong').textContent()).toBe('1');
    await callerNumber.getByRole('button', { name: 'Show attempts' }).click();
    await eventually(() => page.getByTestId('attempts-title').textContent()).toBe(
      'Caller number outside the ARCEP ranges',
    );
    await eventually(() => page.getByTestId('attempt-row').count()).toBe(1);
    expect(await page.getByTestId('attempt-row').textContent()).toContain('+33612345678');
    await session.screenshot('compliance');
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export report CSV' }).click(),
    ]);
    const csv = readFileSync((await report.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^month,partner,site/);
    expect(csv).toContain('Obsèques — audit novembre');
    const [attempts] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export attempts CSV' }).click(),
    ]);
    expect(readFileSync((await attempts.path())!, 'utf8')).toContain('caller_number refusal');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
