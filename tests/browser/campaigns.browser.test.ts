import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  eventually,
  startWebHarness,
  type WebHarness,
  type WebSession,
} from '../support/browser.js';
import { contactRows, CONTACTS_HEADER, LAWFUL_MOMENT, pinClock } from '../support/campaigns.js';
import { demoNetwork } from '../support/live.js';

const executable = chromiumPath();

describe.skipIf(!executable)('web app in Chromium: manager console', { timeout: 60_000 }, () => {
  let web: WebHarness;
  let network: Awaited<ReturnType<typeof demoNetwork>>;
  let manager: WebSession;
  let campaignId: string;

  beforeAll(async () => {
    // with REDIS_URL the import job goes through BullMQ: this api processes it
    web = await startWebHarness(executable!, { PROCESS_JOBS_IN_API: 'true' });
    pinClock(web.api.app, LAWFUL_MOMENT); // a weekday morning in Paris: calls are lawful
    network = await demoNetwork(web.api);
  }, 120_000);
  afterAll(() => web?.close());

  const casa = () => network.sites.find((site) => site.name === 'Sittel Casablanca')!;

  it('a manager signs in with the keyboard and creates a test-and-learn campaign on two sites', async () => {
    manager = await web.open();
    await manager.signInWithKeyboard('manager');
    const { page } = manager;
    expect(new URL(page.url()).pathname).toBe('/campaigns');
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.getByTestId('create-campaign');
    await form.getByLabel('Name', { exact: true }).fill('Prévoyance obsèques — test Webhelp');
    await form.getByLabel('Product').fill('prevoyance-obseques');
    await form.getByLabel('Target volume (contacts)').fill('500');
    await form.getByLabel('Caller number (ARCEP range)').fill('01 62 00 00 01');
    // the product relates to funeral and death-cover contracts: customers with a prévoyance contract and no consent are not called
    await form.getByLabel(/^Contract offers it relates to/).fill('obseques, deces');
    await form.getByLabel('Allocation strategy').selectOption('test_and_learn');
    await form.getByRole('checkbox', { name: 'Sittel Casablanca (MA)' }).check();
    await form.getByRole('checkbox', { name: 'Webhelp Rabat (MA)' }).check();
    await form.getByLabel('Sittel Casablanca cost per hour').fill('14');
    await form.getByLabel('Webhelp Rabat cost per hour').fill('16');
    await form.getByLabel('Sittel Casablanca floor').fill('30'); // outside the test cell: gets its floor
    await form.getByLabel('Webhelp Rabat in the test cell').check();
    await manager.screenshot('campaign-create');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    campaignId = page.url().split('/').pop()!;
    await eventually(() => page.getByTestId('campaign-status').textContent()).toBe('draft');
    const created = await web.api.request(`/api/v1/campaigns/${campaignId}`, {
      token: await web.api.tokenFor('manager'),
    });
    expect(created.body.contractOffers).toEqual(['obseques', 'deces']);
    expect(manager.unexpectedConsoleErrors()).toEqual([]);
  });

  it('imports contacts with a progress bar and a rejection report, then launches, pauses and resumes', async () => {
    const { page } = manager;
    const csv = [
      CONTACTS_HEADER,
      ...contactRows(6),
      'not-a-phone,Anne,Petit,consent,2026-01-10,WEB-X,,',
      '0612999999,Paul,Roux,,,,,',
    ]
      .join('\n')
      .concat('\n');
    await page
      .getByLabel('Contacts file')
      .setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
    const job = page.getByTestId('import-job');
    await eventually(() => job.getAttribute('data-status'), 20_000).toBe('completed');
    await eventually(() => job.getByTestId('import-created').textContent()).toBe('6');
    expect(await job.getByTestId('import-rejected').textContent()).toBe('2');
    expect(await job.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('6');
    const rejections = await page.getByTestId('rejections').locator('li').allTextContents();
    expect(rejections).toEqual([expect.stringMatching(/^Line 8: /), expect.stringMatching(/^Line 9: /)]);
    await manager.screenshot('campaign-import');

    for (const [action, status] of [
      ['Launch', 'running'],
      ['Pause', 'paused'],
      ['Resume', 'running'],
    ] as const) {
      await page.getByRole('button', { name: action, exact: true }).click();
      await eventually(() => page.getByTestId('campaign-status').textContent()).toBe(status);
    }
    expect(await page.getByRole('button', { name: 'Launch', exact: true }).isDisabled()).toBe(true);
    // a weekday morning in Paris: the contacts left may be called now
    await eventually(() => page.getByTestId('next-lawful').textContent()).toContain('Next lawful call: ');
    // the three current_contract rows hold a prévoyance contract: they wait, and the screen says why
    await eventually(() => page.getByTestId('refusals').textContent()).toBe(
      'Not callable right now: contract unrelated 3',
    );
    expect(manager.unexpectedConsoleErrors()).toEqual([]);
  });

  it('shows allocation and conversion per site moving live as a partner reports outcomes', async () => {
    const { page } = manager;
    await eventually(() => page.getByTestId('allocation-row').count()).toBe(2);
    // the allocation job runs every minute; the manager asks for it now
    await page.getByRole('button', { name: 'Recompute allocation now' }).click();
    const casaRow = page.getByTestId('allocation-row').filter({ hasText: 'Sittel Casablanca' });
    await eventually(() => casaRow.locator('td').nth(0).textContent()).toBe('30.0 %');
    const partner = await web.api.tokenFor('partner');
    const lease = await web.api.request(`/api/v1/sites/${casa().id}/batches/lease`, {
      method: 'POST',
      token: partner,
      json: { campaignId, size: 4 },
    });
    expect(lease.status, lease.text).toBe(200);
    // a 30 % share of 6 contacts: 2 for Casablanca
    expect(lease.body.contacts).toHaveLength(2);
    const [a, b] = lease.body.contacts.map((contact: { contactId: string }) => contact.contactId);
    const outcomes = await web.api.request(`/api/v1/batches/${lease.body.id}/outcomes`, {
      method: 'POST',
      token: partner,
      json: {
        outcomes: [
          { contactId: a, outcome: 'sale' },
          { contactId: b, outcome: 'refused' },
        ],
      },
    });
    expect(outcomes.status, outcomes.text).toBe(200);

    await eventually(() => casaRow.locator('td').nth(2).textContent(), 15_000).toBe('2');
    expect(await casaRow.locator('td').nth(4).textContent()).toBe('1');
    await eventually(() => page.getByTestId('done').textContent()).toMatch(/^2/);
    // the allocation over time: its time axis in hours and minutes (seconds on a short span), never milliseconds
    const shift = page.getByRole('img', { name: 'Share of the volume by site over time' });
    await eventually(() => shift.getAttribute('data-time-ticks')).toMatch(/\d/);
    for (const tick of (await shift.getAttribute('data-time-ticks'))!.split(' | '))
      expect(tick).toMatch(/^\d{2}:\d{2}(:\d{2})?$/);
    await manager.screenshot('campaign-allocation');
    expect(manager.unexpectedConsoleErrors()).toEqual([]);
  });

  it('shows the experiment as a card with its verdict and share trajectory, and ends the test keeping the winner', async () => {
    const { page } = manager;
    const card = page.getByTestId('experiment');
    // one site in the test cell (Webhelp): nothing to compare yet
    await eventually(() => card.getByTestId('verdict-sentence').textContent()).toBe(
      'Nothing to compare: the test needs at least two sites.',
    );
    await eventually(() => card.getByTestId('verdict-row').count()).toBe(1);
    await card.getByLabel('Site to keep').selectOption({ label: 'Webhelp Rabat' });
    await card.getByRole('button', { name: 'End the test and keep the winner' }).click();
    await eventually(() => card.locator('h2').textContent()).toBe('Test and learn · Ended');
    expect(await card.getByTestId('verdict-sentence').textContent()).toMatch(
      /^Test ended on .*: Webhelp Rabat kept\./,
    );
    expect(await card.getByRole('button', { name: 'End the test and keep the winner' }).count()).toBe(0);
    await manager.screenshot('campaign-experiment');
    expect(manager.unexpectedConsoleErrors()).toEqual([]);
  });

  it('tells where each customer was called from (transparency)', async () => {
    const { page } = manager;
    await page.getByRole('link', { name: 'Where were customers called from?' }).click();
    await eventually(() => page.getByTestId('transparency-row').count()).toBe(2);
    const rows = await page.getByTestId('transparency-row').allTextContents();
    for (const row of rows) expect(row).toMatch(/Sittel Casablanca.*Sittel.*MA/);
    expect(await page.getByRole('region', { name: 'Calls by country of the site' }).textContent()).toContain(
      'Morocco (MA)',
    );
    await manager.screenshot('transparency');

    const phone = (await page.getByTestId('transparency-row').first().locator('td').nth(1).textContent())!;
    await page.getByLabel('Customer number (any campaign)').fill(phone);
    await page.getByRole('button', { name: 'Search' }).click();
    await eventually(() => page.getByTestId('transparency-row').count()).toBe(1);
    // opened from the menu: the running campaign's calls at once, no Search to press, times with their zone
    await manager.goto('/transparency');
    await eventually(() => page.getByTestId('transparency-row').count()).toBe(2);
    expect(await page.getByTestId('transparency-table').locator('caption').textContent()).toMatch(
      /times in your time zone \(.+\)/,
    );
    expect(manager.unexpectedConsoleErrors()).toEqual([]);
  });

  it('a supervisor sees the running campaign and its progress on the wall', async () => {
    const session = await web.open('supervisor');
    const line = session.page
      .getByTestId('active-campaign')
      .filter({ hasText: 'Prévoyance obsèques — test Webhelp' });
    await eventually(() => line.count()).toBe(1);
    await eventually(() => line.textContent()).toContain('2 / 6 worked');
    await session.screenshot('wall-with-campaign');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
