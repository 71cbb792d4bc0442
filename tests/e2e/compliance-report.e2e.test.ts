import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_RULES } from '#contracts';
import { LeaseExpiry } from '#campaigns';
import type { DemoSite } from '../support/live.js';
import { LAWFUL_MOMENT, runningCampaign, startCampaignsApi } from '../support/campaigns.js';
import type { TestApi } from '../support/test-api.js';

const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toJSDate();
const consent = (phone: string, postcode = '') => `${phone},A,B,consent,2026-01-10,WEB-1,,,${postcode},`;

/** Issue 16: the compliance report, every figure traceable to its attempts; caller numbers checked on each outcome. */
describe('compliance report over HTTP', () => {
  let api: TestApi;
  let manager: string;
  let partner: string;
  let partner2: string;
  let sittel: DemoSite;
  let webhelp: DemoSite;
  let setClock: (at: Date) => void;
  let campaignId: string;

  const post = (path: string, json: unknown, token = manager) =>
    api.request(`/api/v1${path}`, { method: 'POST', token, json });
  const get = (path: string, token = manager) => api.request(`/api/v1${path}`, { token });
  const leaseAt = (site: DemoSite, token: string, extra: Record<string, unknown> = {}) =>
    post(`/sites/${site.id}/batches/lease`, { campaignId, size: 1, ...extra }, token);
  const report = (batchId: string, outcomes: unknown[], token: string) =>
    post(`/batches/${batchId}/outcomes`, { outcomes }, token);
  const rowCount = () =>
    api.app
      .get(DataSource)
      .query(
        `SELECT (SELECT count(*) FROM contact_attempt)::int AS attempts, (SELECT count(*) FROM compliance_incident)::int AS incidents`,
      );

  beforeAll(async () => {
    ({ api, manager, partner, partner2, sittel, webhelp, setClock } = await startCampaignsApi());
    ({ id: campaignId } = await runningCampaign(
      api,
      manager,
      [
        consent('06 56 01 00 01'),
        consent('06 56 01 00 02'),
        consent('06 56 01 00 03'),
        consent('06 56 01 00 04'),
        consent('06 56 01 00 05'),
        consent('06 56 01 00 07'),
      ],
      [sittel, webhelp],
    ));
    // Sittel, Monday 23 November 11:00: a sale presenting its ARCEP number, a refusal presenting a mobile number
    const first = await leaseAt(sittel, partner, { size: 2 });
    const [a, b] = first.body.contacts;
    expect(
      (
        await report(
          first.body.id,
          [
            { contactId: a.contactId, outcome: 'sale', callerNumber: '01 62 00 00 01' },
            { contactId: b.contactId, outcome: 'refused', callerNumber: '06 12 34 56 78' },
          ],
          partner,
        )
      ).status,
    ).toBe(200);
    // Webhelp at 12:50, calls at 13:05: outside the window, and reports no caller number
    setClock(paris('2026-11-23T12:50'));
    const second = await leaseAt(webhelp, partner2);
    setClock(paris('2026-11-23T13:10'));
    expect(
      (
        await report(
          second.body.id,
          [
            {
              contactId: second.body.contacts[0].contactId,
              outcome: 'no_answer',
              at: paris('2026-11-23T13:05').toISOString(),
            },
          ],
          partner2,
        )
      ).status,
    ).toBe(200);
    // Sittel at 14:00: a lease that expires before its report comes (late), with the Réunion zone's range to a Paris consumer
    setClock(paris('2026-11-23T14:00'));
    const third = await leaseAt(sittel, partner, { ttlSeconds: 60 });
    setClock(paris('2026-11-23T14:05'));
    await api.app.get(LeaseExpiry).expire();
    expect(
      (
        await report(
          third.body.id,
          [
            {
              contactId: third.body.contacts[0].contactId,
              outcome: 'reached',
              at: paris('2026-11-23T14:00:30').toISOString(),
              callerNumber: '+262 9 47 80 00 01',
            },
          ],
          partner,
        )
      ).status,
    ).toBe(200);
    setClock(LAWFUL_MOMENT);
  });
  afterAll(() => api?.close());

  const period = () => `from=2026-11-01&to=2026-11-30&campaignId=${campaignId}`;

  it('counts attempts and incidents per month, partner, site and campaign, and each count is its attempts', async () => {
    const response = await get(`/compliance/report?from=2026-11-01&to=2026-11-30&campaignId=${campaignId}`);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
      totals: { attempts: 4, incidents: 4 },
    });
    expect(body.byRule).toEqual({
      outside_calling_hours: 1,
      weekend: 0,
      public_holiday: 0,
      late_report: 1,
      called_after_withdrawal: 0,
      caller_number: 2,
      refusal: 1,
    });
    const bySite = Object.fromEntries(body.rows.map((row: { siteId: string }) => [row.siteId, row]));
    expect(bySite[sittel.id]).toMatchObject({
      month: '2026-11',
      partnerName: 'Sittel',
      attempts: 3,
      outsideWindow: 0,
      lateReports: 1,
      refusals: 1,
      callerNumberOutsideArcep: 2,
      incidents: { caller_number_not_arcep: 2 },
    });
    expect(bySite[webhelp.id]).toMatchObject({
      attempts: 1,
      outsideWindow: 1,
      incidents: { outside_calling_window: 1, caller_number_missing: 1 },
    });
    for (const rule of REPORT_RULES) {
      const attempts = await get(
        `/compliance/attempts?from=2026-11-01&to=2026-11-30&campaignId=${campaignId}&rule=${rule}`,
      );
      expect(attempts.status).toBe(200);
      expect(attempts.body.total, rule).toBe(body.byRule[rule]);
      for (const item of attempts.body.items) expect(item.rules).toContain(rule);
    }
    const flagged = await get(`/compliance/attempts?${period()}&rule=flagged`);
    expect(flagged.body.items.map((item: { outcome: string }) => item.outcome).sort()).toEqual([
      'no_answer',
      'reached',
      'refused',
    ]);
    const badNumber = flagged.body.items.find((item: { outcome: string }) => item.outcome === 'refused');
    expect(badNumber).toMatchObject({
      callerNumber: '+33612345678',
      rules: ['caller_number', 'refusal'],
      incidents: ['caller_number_not_arcep'],
    });
  });

  it('an outcome reported without its caller number is recorded, and opens a caller_number_missing incident', async () => {
    const flagged = await get(`/compliance/attempts?${period()}&rule=flagged&siteId=${webhelp.id}`);
    expect(flagged.body.items).toHaveLength(1);
    expect(flagged.body.items[0]).toMatchObject({
      outcome: 'no_answer',
      callerNumber: null,
      incidents: ['caller_number_missing', 'outside_calling_window'],
    });
    const [incident] = await api.app.get(DataSource).query(
      `SELECT i.kind, i.partner_id, i.site_id, i.details FROM compliance_incident i JOIN contact_attempt a ON a.id = i.attempt_id
          WHERE a.campaign_id = $1 AND i.kind = 'caller_number_missing'`,
      [campaignId],
    );
    expect(incident).toEqual({
      kind: 'caller_number_missing',
      partner_id: webhelp.partnerId,
      site_id: webhelp.id,
      details: { rule: 'caller_number' },
    });
    const csv = await get(`/compliance/report?${period()}&format=csv`);
    expect(csv.text.split('\r\n')[0]).toContain('incidents_caller_number_missing');
  });

  it('filters by partner and site, and a period without attempts is empty', async () => {
    const mine = await get(`/compliance/report?${period()}&partnerId=${webhelp.partnerId}`);
    expect(mine.body.rows.map((row: { siteId: string }) => row.siteId)).toEqual([webhelp.id]);
    const site = await get(`/compliance/attempts?${period()}&siteId=${sittel.id}`);
    expect(site.body.total).toBe(3);
    const october = await get(`/compliance/report?from=2026-10-01&to=2026-10-31&campaignId=${campaignId}`);
    expect(october.body).toMatchObject({ rows: [], totals: { attempts: 0, incidents: 0 } });
  });

  it('downloads the report and its attempts as CSV', async () => {
    const csv = await get(`/compliance/report?${period()}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('compliance-2026-11-01-2026-11-30.csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^month,partner,site,country,campaign,attempts,outside_window,late_reports/);
    expect(lines).toHaveLength(3);
    const attempts = await get(`/compliance/attempts?${period()}&format=csv&rule=caller_number`);
    expect(attempts.text.trim().split('\r\n')).toHaveLength(3);
    expect(attempts.text).toContain('+33612345678');
  });

  it('refuses bad input with a 4xx and writes nothing; only managers and admins read it', async () => {
    const before = await rowCount();
    for (const query of [
      'from=2026-02-31',
      'from=2026-11-30&to=2026-11-01',
      'from=2025-01-01&to=2026-12-31',
      'from=26-11-01',
      'rule=bogus',
      'campaignId=nope',
      'format=xml',
      'limit=0',
    ]) {
      const refused = await get(`/compliance/attempts?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.code, query).toBeTruthy();
    }
    expect((await get(`/compliance/report?${period()}`, partner)).status).toBe(403);
    expect((await api.request(`/api/v1/compliance/report?${period()}`)).status).toBe(401);
    expect(await rowCount()).toEqual(before);
  });

  it('a caller number is checked against the consumer’s territory: a Réunion range calls Réunion, not Paris', async () => {
    const reunion = await runningCampaign(api, manager, [consent('06 56 01 00 06', '97490')], [sittel]);
    setClock(paris('2026-11-24T08:00')); // 11:00 in Réunion
    try {
      const batch = await post(`/sites/${sittel.id}/batches/lease`, { campaignId: reunion.id }, partner);
      expect(batch.body.contacts).toHaveLength(1);
      expect(batch.body.contacts[0].timeZone).toBe('Indian/Reunion');
      const reported = await report(
        batch.body.id,
        [{ contactId: batch.body.contacts[0].contactId, outcome: 'reached', callerNumber: '09 47 80 00 01' }],
        partner,
      );
      expect(reported.status).toBe(200);
      const [attempt] = await api.app
        .get(DataSource)
        .query(`SELECT caller_number, caller_number_lawful FROM contact_attempt WHERE lease_id = $1`, [
          batch.body.id,
        ]);
      expect(attempt).toEqual({ caller_number: '+33947800001', caller_number_lawful: true });
      const bad = await report(
        batch.body.id,
        [{ contactId: batch.body.contacts[0].contactId, outcome: 'reached', callerNumber: 'call me' }],
        partner,
      );
      expect(bad.status).toBe(400);
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });
});
