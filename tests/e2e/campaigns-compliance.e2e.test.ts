import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseExpiry } from '#campaigns';
import type { DemoSite } from '../support/live.js';
import { LAWFUL_MOMENT, runningCampaign, startCampaignsApi } from '../support/campaigns.js';
import type { TestApi } from '../support/test-api.js';

const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toJSDate();

/** Issue 16: the consumer's own clock and holidays, calls kept inside the window, no report bypassing the rules. */
describe('lawful by construction over HTTP', () => {
  let api: TestApi;
  let manager: string;
  let partner: string;
  let partner2: string;
  let sittel: DemoSite;
  let webhelp: DemoSite;
  let setClock: (at: Date) => void;

  beforeAll(async () => {
    ({ api, manager, partner, partner2, sittel, webhelp, setClock } = await startCampaignsApi());
  });
  afterAll(() => api?.close());

  const post = (path: string, json: unknown, token = manager) =>
    api.request(`/api/v1${path}`, { method: 'POST', token, json });
  /** a running campaign worked by Sittel alone, with these CSV rows imported; returns its id and import report */
  const campaignOf = (rows: string[], sites = [sittel]) => runningCampaign(api, manager, rows, sites);
  const lease = (campaignId: string, extra: Record<string, unknown> = {}) =>
    post(`/sites/${sittel.id}/batches/lease`, { campaignId, size: 50, ...extra }, partner);
  const phones = (response: { body: { contacts: Array<{ phone: string }> } }) =>
    response.body.contacts.map((contact) => contact.phone).sort();

  it('overseas numbers in the national format get their territory’s clock; an address beats the number; the report says where each clock came from', async () => {
    const consent = 'consent,2026-01-10,WEB-1,,';
    const { id, report } = await campaignOf([
      `0596 30 12 34,A,A,${consent},,`, // Martinique by its number
      `0692 11 22 33,B,B,${consent},,`, // Réunion by its number
      `06 55 01 00 01,C,C,${consent},97490,`, // a mainland mobile living in Réunion
      `06 55 01 00 02,D,D,${consent},67000,FR`, // Strasbourg: Alsace-Moselle
      `06 55 01 00 03,E,E,${consent},,`, // Paris fallback
      `01 45 00 00 04,F,F,${consent},,`, // Paris by its geographic number
      `08 99 12 34 56,G,G,${consent},,`, // premium rate: refused
      `06 55 01 00 05,H,H,${consent},98000,`, // Monaco: refused
    ]);
    expect(report).toMatchObject({ valid: 6, rejected: 2, clocks: { address: 2, number: 3, fallback: 1 } });
    expect(report.rejections).toEqual([
      { line: 8, reason: 'not_a_consumer_line' },
      { line: 9, reason: 'country_not_supported' },
    ]);
    // Monday 23 November 2026, 08:00 in Paris: 11:00 in Réunion, 03:00 in Martinique
    setClock(paris('2026-11-23T08:00'));
    try {
      const morning = await lease(id, { ttlSeconds: 14_400 });
      expect(phones(morning)).toEqual(['+262692112233', '+33655010001']);
      const reunion = morning.body.contacts.find(
        (contact: { phone: string }) => contact.phone === '+33655010001',
      );
      expect(reunion).toMatchObject({ timeZone: 'Indian/Reunion', callBefore: '2026-11-23T09:00:00.000Z' });
      expect(morning.body.expiresAt).toBe('2026-11-23T09:00:00.000Z'); // 13:00 in Réunion
      // Good Friday 2026: Strasbourg rests, Paris works (and Martinique, 06:00, sleeps)
      setClock(paris('2026-04-03T11:00'));
      const friday = await lease(id);
      expect(phones(friday)).toEqual(['+33145000004', '+33655010003']);
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  it('a suppression withholds the contact whatever the format of either number', async () => {
    const { id } = await campaignOf(['0596 30 99 88,A,A,consent,2026-01-10,WEB-1,,,,']);
    const suppressed = await post('/suppressions', { phones: ['+596 596 30 99 88'], source: 'bloctel' });
    expect(suppressed.body).toMatchObject({ added: 1, contactsSuppressed: 1 });
    setClock(paris('2026-11-23T16:00')); // 11:00 in Martinique
    try {
      expect((await lease(id)).body.contacts).toEqual([]);
    } finally {
      setClock(LAWFUL_MOMENT);
    }
    const premium = await post('/suppressions', { phones: ['08 99 12 34 56'] });
    expect(premium.status).toBe(400);
  });

  it('a lease never outlives the calling window: leased at 19:59 for 4 hours, it ends at 20:00', async () => {
    const { id } = await campaignOf(['06 55 02 00 01,A,A,consent,2026-01-10,WEB-1,,,,']);
    setClock(paris('2026-11-23T19:59'));
    try {
      const late = await lease(id, { ttlSeconds: 14_400 });
      expect(late.body.contacts).toHaveLength(1);
      expect(late.body.expiresAt).toBe('2026-11-23T19:00:00.000Z');
      expect(late.body.contacts[0].callBefore).toBe('2026-11-23T19:00:00.000Z');
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  /** outcomes as a dialer reports them, with the ARCEP number it presented */
  const report = (batchId: string, outcomes: object[], token = partner) =>
    post(
      `/batches/${batchId}/outcomes`,
      { outcomes: outcomes.map((outcome) => ({ callerNumber: '01 62 00 00 01', ...outcome })) },
      token,
    );
  const attemptsOf = (campaignId: string) =>
    api.app.get(DataSource).query(
      `SELECT a.outcome, a.late, a.withdrawn, a.outside_window, a.site_id, i.kind AS incident
           FROM contact_attempt a LEFT JOIN compliance_incident i ON i.attempt_id = a.id
          WHERE a.campaign_id = $1 ORDER BY a.attempted_at, a.site_id`,
      [campaignId],
    );

  it('a call time before the lease or ahead of now is refused with 422, and nothing is recorded', async () => {
    const { id } = await campaignOf(['06 55 03 00 01,A,A,consent,2026-01-10,WEB-1,,,,']);
    const batch = await lease(id);
    const [contact] = batch.body.contacts;
    const past = new Date(LAWFUL_MOMENT.getTime() - 40 * 86_400_000).toISOString();
    const before = await report(batch.body.id, [
      { contactId: contact.contactId, outcome: 'no_answer', at: past },
    ]);
    expect(before.status).toBe(422);
    expect(before.body.error).toMatchObject({ code: 'call_time_outside_lease', details: { index: 0 } });
    const ahead = new Date(LAWFUL_MOMENT.getTime() + 10 * 60_000).toISOString();
    const future = await report(batch.body.id, [
      { contactId: contact.contactId, outcome: 'refused', at: ahead },
    ]);
    expect(future.status).toBe(422);
    expect(await attemptsOf(id)).toEqual([]);
  });

  it('two partners: a late refusal is recorded and takes effect at once, withdrawing the contact the other dialer holds, whose later call is recorded but flagged', async () => {
    const { id } = await campaignOf(['06 55 04 00 01,A,A,consent,2026-01-10,WEB-1,,,,'], [sittel, webhelp]);
    const first = await lease(id, { ttlSeconds: 60 });
    const [contact] = first.body.contacts;
    expect(contact).toBeDefined();
    try {
      setClock(new Date(LAWFUL_MOMENT.getTime() + 5 * 60_000));
      await api.app.get(LeaseExpiry).expire();
      const second = await post(`/sites/${webhelp.id}/batches/lease`, { campaignId: id, size: 5 }, partner2);
      expect(second.body.contacts.map((c: { contactId: string }) => c.contactId)).toEqual([
        contact.contactId,
      ]);
      // Sittel's dialer reports, after its lease expired, the refusal it got at 11:00:30
      const lateAt = new Date(LAWFUL_MOMENT.getTime() + 30_000).toISOString();
      const late = await report(first.body.id, [
        { contactId: contact.contactId, outcome: 'refused', at: lateAt },
      ]);
      expect(late.status).toBe(200);
      expect(late.body.recorded).toBe(1);
      // Webhelp calls anyway: recorded, flagged, an incident
      const called = await report(
        second.body.id,
        [{ contactId: contact.contactId, outcome: 'reached' }],
        partner2,
      );
      expect(called.status).toBe(200);
      expect(await attemptsOf(id)).toEqual([
        {
          outcome: 'refused',
          late: true,
          withdrawn: false,
          outside_window: null,
          site_id: sittel.id,
          incident: null,
        },
        {
          outcome: 'reached',
          late: false,
          withdrawn: true,
          outside_window: null,
          site_id: webhelp.id,
          incident: 'called_after_withdrawal',
        },
      ]);
      // the refusal holds: nobody gets the number again
      setClock(new Date(LAWFUL_MOMENT.getTime() + 60 * 60_000));
      await api.app.get(LeaseExpiry).expire();
      expect((await lease(id)).body.contacts).toEqual([]);
      expect(
        (await post(`/sites/${webhelp.id}/batches/lease`, { campaignId: id }, partner2)).body.contacts,
      ).toEqual([]);
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  it('a call made outside the consumer’s window is recorded and opens an incident for the partner and site', async () => {
    const { id } = await campaignOf(['06 55 05 00 01,A,A,consent,2026-01-10,WEB-1,,,,']);
    setClock(paris('2026-11-23T12:50'));
    try {
      const batch = await lease(id, { ttlSeconds: 3600 });
      expect(batch.body.expiresAt).toBe('2026-11-23T12:00:00.000Z');
      setClock(paris('2026-11-23T13:10'));
      const [contact] = batch.body.contacts;
      const at = paris('2026-11-23T13:05').toISOString();
      const reported = await report(batch.body.id, [
        { contactId: contact.contactId, outcome: 'reached', at },
      ]);
      expect(reported.status).toBe(200);
      expect(await attemptsOf(id)).toEqual([
        {
          outcome: 'reached',
          late: false,
          withdrawn: false,
          outside_window: 'outside_calling_hours',
          site_id: sittel.id,
          incident: 'outside_calling_window',
        },
      ]);
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  describe('an empty lease says why, and when to ask again', () => {
    const whyAt = async (campaignId: string, at: Date) => {
      setClock(at);
      try {
        const response = await lease(campaignId);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ id: null, contacts: [] });
        return response.body.why;
      } finally {
        setClock(LAWFUL_MOMENT);
      }
    };
    const consumerRow = (phone: string, set: string, values: unknown[]) =>
      api.app.get(DataSource).query(`UPDATE consumer SET ${set} WHERE phone = $1`, [phone, ...values]);

    it('before opening, Paris and Martinique: outside calling hours until 10:00 in Paris', async () => {
      const { id } = await campaignOf([
        '06 55 06 00 01,A,A,consent,2026-01-10,WEB-1,,,,',
        '0596 30 12 35,B,B,consent,2026-01-10,WEB-1,,,,',
      ]);
      expect(await whyAt(id, paris('2026-11-23T08:00'))).toEqual({
        campaigns: 1,
        reasons: { outside_calling_hours: 2 },
        nextLawfulAt: paris('2026-11-23T10:00').toISOString(),
      });
      // 20:00 in Paris, 15:00 in Martinique: only Martinique, whose consumer is callable now is leased
      setClock(paris('2026-11-23T20:00'));
      try {
        expect(phones(await lease(id))).toEqual(['+596596301235']);
      } finally {
        setClock(LAWFUL_MOMENT);
      }
      // Christmas Friday: next is Monday 28 December 10:00; over the March 2027 DST change (Sunday 28,
      // also Easter: Monday 29 is Easter Monday), Tuesday 30 March 10:00 CEST
      expect((await whyAt(id, paris('2026-12-25T11:00'))).reasons).toEqual({ public_holiday: 1 });
      expect((await whyAt(id, paris('2026-12-25T11:00'))).nextLawfulAt).toBe(
        paris('2026-12-28T10:00').toISOString(),
      );
      const dst = await whyAt(id, paris('2027-03-27T11:00'));
      expect(dst).toMatchObject({ reasons: { weekend: 1 }, nextLawfulAt: '2027-03-30T08:00:00.000Z' });
    });

    it('attempts used and a refusal: their limits lift, then the calendar opens', async () => {
      const { id } = await campaignOf([
        '06 55 07 00 01,A,A,consent,2026-01-10,WEB-1,,,,',
        '06 55 07 00 02,B,B,consent,2026-01-10,WEB-1,,,,',
      ]);
      // four attempts, the oldest on Tuesday 3 November 15:00: free from Thursday 3 December 15:00
      const oldest = paris('2026-11-03T15:00');
      const attempts = [0, 1, 2, 3].map((day) => new Date(oldest.getTime() + day * 86_400_000));
      await consumerRow('+33655070001', 'recent_attempts = $2', [attempts]);
      // refused on Saturday 10 October 2026 at 12:00: 60 days later is Wednesday 9 December 12:00
      await consumerRow('+33655070002', 'refused_at = $2', [paris('2026-10-10T12:00')]);
      expect(await whyAt(id, LAWFUL_MOMENT)).toEqual({
        campaigns: 1,
        reasons: { max_attempts: 1, refusal_cooldown: 1 },
        nextLawfulAt: paris('2026-12-03T15:00').toISOString(),
      });
      // once the first is on the opposition list, the refusal decides
      await post('/suppressions', { phones: ['06 55 07 00 01'], source: 'bloctel' });
      expect(await whyAt(id, LAWFUL_MOMENT)).toEqual({
        campaigns: 1,
        reasons: { do_not_call: 1, refusal_cooldown: 1 },
        nextLawfulAt: new Date(paris('2026-10-10T12:00').getTime() + 60 * 86_400_000).toISOString(),
      });
    });

    it('nothing left to call: nothing pending and no next moment', async () => {
      const { id } = await campaignOf(['06 55 08 00 01,A,A,consent,2026-01-10,WEB-1,,,,']);
      const batch = await lease(id);
      await report(batch.body.id, [{ contactId: batch.body.contacts[0].contactId, outcome: 'sale' }]);
      expect(await whyAt(id, LAWFUL_MOMENT)).toEqual({
        campaigns: 1,
        reasons: { nothing_pending: 1 },
        nextLawfulAt: null,
      });
    });
  });

  it('the opposition list’s age is shown; launching with a list older than 30 days needs a confirmation, kept in the audit trail', async () => {
    const status = await api.request('/api/v1/suppressions/status', { token: manager });
    expect(status.status).toBe(200);
    // the demo seed refreshed the list (at the real time of the test run)
    expect(status.body).toMatchObject({ source: 'bloctel', maxAgeDays: 30 });
    expect((await api.request('/api/v1/suppressions/status', { token: partner })).status).toBe(403);
    const draft = (name: string) =>
      post('/campaigns', {
        name: `${name} ${Date.now()}`,
        product: 'prevoyance-obseques',
        targetVolume: 10,
        callerNumber: '01 62 00 00 01',
        allocationStrategy: 'proportional_capacity',
        sites: [{ siteId: sittel.id }],
      });
    const refreshed = Date.parse(status.body.lastRefreshAt);
    setClock(new Date(refreshed + 31 * 86_400_000));
    try {
      const stale = await api.request('/api/v1/suppressions/status', { token: manager });
      expect(stale.body).toMatchObject({ ageDays: 31, stale: true });
      const { body: campaign } = await draft('Liste ancienne');
      const refused = await post(`/campaigns/${campaign.id}/launch`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'opposition_list_stale',
        details: { lastRefreshAt: status.body.lastRefreshAt, maxAgeDays: 30 },
      });
      expect(
        (await post(`/campaigns/${campaign.id}/launch`, { confirmStaleOppositionList: 'yes' })).status,
      ).toBe(400);
      expect((await api.request(`/api/v1/campaigns/${campaign.id}`, { token: manager })).body.status).toBe(
        'draft',
      );
      const confirmed = await post(`/campaigns/${campaign.id}/launch`, { confirmStaleOppositionList: true });
      expect(confirmed.status).toBe(200);
      const admin = await api.tokenFor('admin');
      const audit = await api.request(
        `/api/v1/audit-events?entity=campaign&entityId=${campaign.id}&action=confirm_stale_opposition_list`,
        { token: admin },
      );
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ action: 'confirm_stale_opposition_list' });
      // a fresh Bloctel upload: the next launch needs nothing
      await post('/suppressions', { phones: ['06 99 99 99 98'], source: 'bloctel' });
      expect((await api.request('/api/v1/suppressions/status', { token: manager })).body).toMatchObject({
        ageDays: 0,
        stale: false,
        numbers: 1,
        added: 1,
      });
      const { body: next } = await draft('Liste fraîche');
      expect((await post(`/campaigns/${next.id}/launch`, {})).status).toBe(200);
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  it('a consent withdrawn is a suppression: the consumer is never leased again, and it is no refresh of the opposition list', async () => {
    const { id } = await campaignOf(['06 55 09 00 01,A,A,consent,2026-01-10,WEB-1,,,,']);
    const before = (await api.request('/api/v1/suppressions/status', { token: manager })).body;
    const withdrawn = await post('/suppressions', {
      phones: ['+33 6 55 09 00 01'],
      source: 'consent_withdrawn',
    });
    expect(withdrawn.body).toMatchObject({ added: 1, contactsSuppressed: 1 });
    const empty = await lease(id);
    expect(empty.body).toMatchObject({
      contacts: [],
      why: { reasons: { do_not_call: 1 }, nextLawfulAt: null },
    });
    expect((await api.request('/api/v1/suppressions/status', { token: manager })).body).toEqual(before);
  });
});
