import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRows, csvOf, LAWFUL_MOMENT, pinClock, waitFor } from '../support/campaigns.js';
import { demoNetwork, type DemoSite } from '../support/live.js';
import { DEMO_LOGINS, startTestApi, type TestApi, type TestResponse } from '../support/test-api.js';

type Role = keyof typeof DEMO_LOGINS;

const REQUESTS = 400;
const CONTACTS = 400;
const STATES = ['available', 'on_call', 'wrap_up', 'paused', 'offline'] as const;

/**
 * The embedded server under the load that broke PGlite: several hundred requests at once from
 * every role, reads and writes mixed, against one api on the embedded PostgreSQL server.
 */
describe('embedded PostgreSQL under concurrent mixed requests', () => {
  let api: TestApi;
  let tokens: Record<Role, string>;
  let sittel: DemoSite;
  let webhelp: DemoSite;
  let campaignId: string;
  const at = (offsetMs: number) => new Date(LAWFUL_MOMENT.getTime() - 60_000 + offsetMs).toISOString();

  beforeAll(async () => {
    api = await startTestApi({ PROCESS_JOBS_IN_API: 'true' }, { backend: 'embedded' });
    pinClock(api.app, LAWFUL_MOMENT);
    const roles = Object.keys(DEMO_LOGINS) as Role[];
    tokens = Object.fromEntries(
      await Promise.all(roles.map(async (role) => [role, await api.tokenFor(role)])),
    ) as Record<Role, string>;
    const network = await demoNetwork(api);
    sittel = network.siteOf('Sittel');
    webhelp = network.siteOf('Webhelp');
    const created = await api.request('/api/v1/campaigns', {
      method: 'POST',
      token: tokens.manager,
      json: {
        name: 'Charge concurrente',
        product: 'prevoyance-obseques',
        objective: 'cross-sell',
        targetVolume: CONTACTS,
        callerNumber: '01 62 00 00 01',
        contractOffers: ['prevoyance', 'obseques'],
        allocationStrategy: 'proportional_capacity',
        sites: [{ siteId: sittel.id }, { siteId: webhelp.id }],
      },
    });
    campaignId = created.body.id;
    const upload = await api.request(`/api/v1/campaigns/${campaignId}/contacts`, {
      method: 'POST',
      token: tokens.manager,
      headers: { 'content-type': 'text/csv' },
      body: csvOf(contactRows(CONTACTS, 7000)),
    });
    expect(upload.status).toBe(202);
    await waitFor(
      () => api.request(`/api/v1/imports/${upload.body.id}`, { token: tokens.manager }),
      (response) => response.body.status === 'completed',
    );
    const launched = await api.request(`/api/v1/campaigns/${campaignId}/launch`, {
      method: 'POST',
      token: tokens.manager,
      json: {},
    });
    expect(launched.status).toBe(200);
  });
  afterAll(() => api?.close());

  it('answers several hundred concurrent mixed requests from every role without a 5xx or a wrong identity, and writes consistent data', async () => {
    const partnerIds = { partner: sittel.partnerId, partner2: webhelp.partnerId } as const;
    const ownSite = { partner: sittel, partner2: webhelp } as const;
    const lastEvent = new Map<string, { at: string; state: string }>();
    const reported: string[] = [];
    const leased: string[] = [];
    let outcomesRecorded = 0;
    let campaignsCreated = 0;
    const failures: string[] = [];
    const check = (what: string, response: TestResponse, ok: boolean) => {
      if (!ok) failures.push(`${what}: ${response.status} ${response.text.slice(0, 200)}`);
    };

    const request = async (index: number): Promise<void> => {
      const partner = Math.floor(index / 8) % 2 ? 'partner' : 'partner2';
      const site = ownSite[partner];
      switch (index % 8) {
        case 0: {
          const role = (Object.keys(DEMO_LOGINS) as Role[])[index % 5]!;
          const me = await api.request('/api/v1/auth/me', { token: tokens[role] });
          const partnerId = role === 'partner' || role === 'partner2' ? partnerIds[role] : undefined;
          check(
            `me as ${role}`,
            me,
            me.status === 200 &&
              me.body.label === DEMO_LOGINS[role][0] &&
              (me.body.partnerId ?? undefined) === partnerId,
          );
          return;
        }
        case 1: {
          const sites = await api.request('/api/v1/sites?limit=200', { token: tokens[partner] });
          check(
            `sites as ${partner}`,
            sites,
            sites.status === 200 &&
              sites.body.items.length > 0 &&
              sites.body.items.every((s: { partnerId: string }) => s.partnerId === partnerIds[partner]),
          );
          return;
        }
        case 2: {
          const seat = site.seats[index % site.seats.length]!;
          const event = { seatId: seat, state: STATES[index % STATES.length]!, at: at(index) };
          const response = await api.request(`/api/v1/sites/${site.id}/seat-events`, {
            method: 'POST',
            token: tokens[partner],
            json: { events: [event] },
          });
          check('seat events', response, response.status === 200 && response.body.received === 1);
          const previous = lastEvent.get(seat);
          if (response.status === 200 && (!previous || previous.at < event.at)) lastEvent.set(seat, event);
          return;
        }
        case 3: {
          const day = new Date(Date.UTC(2026, 5, 1) + Math.floor(index / 8) * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const response = await api.request(`/api/v1/sites/${site.id}/staffing-reports`, {
            method: 'POST',
            token: tokens[partner],
            json: {
              period: day,
              agentsInProduction: 40 + (index % 7),
              agentsInTraining: 3,
              teamLeaders: 4,
              supervisors: 1,
              trainersQa: 1,
              hires: 1,
              leavers: 0,
              seatsInstalled: 60,
              seatsStaffed: 50,
              absenteeismPct: 4.5,
            },
          });
          check('staffing report', response, response.status === 201);
          if (response.status === 201) reported.push(response.body.id);
          return;
        }
        case 4: {
          const response = await api.request('/api/v1/campaigns', {
            method: 'POST',
            token: tokens.manager,
            json: {
              name: `Brouillon ${index}`,
              product: 'prevoyance-obseques',
              objective: 'cross-sell',
              targetVolume: 100,
              callerNumber: '01 62 00 00 01',
              contractOffers: ['prevoyance', 'obseques'],
              allocationStrategy: 'proportional_capacity',
              sites: [{ siteId: sittel.id }, { siteId: webhelp.id }],
            },
          });
          check('create campaign', response, response.status === 201);
          if (response.status === 201) campaignsCreated++;
          return;
        }
        case 5: {
          const lease = await api.request(`/api/v1/sites/${site.id}/batches/lease`, {
            method: 'POST',
            token: tokens[partner],
            json: { size: 5, campaignId },
          });
          check('lease', lease, lease.status === 200);
          if (lease.status !== 200 || !lease.body.contacts.length) return;
          const ids = lease.body.contacts.map((contact: { contactId: string }) => contact.contactId);
          leased.push(...ids);
          const outcomes = await api.request(`/api/v1/batches/${lease.body.id}/outcomes`, {
            method: 'POST',
            token: tokens[partner],
            json: { outcomes: ids.map((contactId: string) => ({ contactId, outcome: 'refused' })) },
          });
          check('outcomes', outcomes, outcomes.status === 200 && outcomes.body.recorded === ids.length);
          if (outcomes.status === 200) outcomesRecorded += outcomes.body.recorded;
          return;
        }
        case 6: {
          const live = await api.request('/api/v1/live?scope=network', { token: tokens.supervisor });
          check('live', live, live.status === 200 && Number.isFinite(live.body.totals.seats));
          return;
        }
        default: {
          const progress = await api.request(`/api/v1/campaigns/${campaignId}/progress`, {
            token: tokens.manager,
          });
          check('progress', progress, progress.status === 200 && progress.body.contacts === CONTACTS);
        }
      }
    };

    const statuses: number[] = [];
    const original = api.request;
    api.request = async (path, init) => {
      const response = await original(path, init);
      statuses.push(response.status);
      return response;
    };
    try {
      await Promise.all(Array.from({ length: REQUESTS }, (_, index) => request(index)));
    } finally {
      api.request = original;
    }

    console.log(
      `concurrency: ${statuses.length} requests (${REQUESTS} at once, then outcomes), ` +
        `${reported.length} staffing reports, ${campaignsCreated} campaigns, ${leased.length} contacts leased, ` +
        `${outcomesRecorded} outcomes, ${lastEvent.size} seats moved`,
    );
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(failures).toEqual([]);
    expect(statuses.length).toBeGreaterThanOrEqual(REQUESTS);

    // integrity of what was written
    const db = api.app.get(DataSource);
    const [{ reports }] = await db.query(
      `SELECT count(*)::int AS reports FROM staffing_report WHERE id = ANY($1::uuid[]) AND current`,
      [reported],
    );
    expect(reports).toBe(reported.length);
    const [{ drafts }] = await db.query(
      `SELECT count(*)::int AS drafts FROM campaign WHERE name LIKE 'Brouillon %'`,
    );
    expect(drafts).toBe(campaignsCreated);
    expect(new Set(leased).size).toBe(leased.length); // no contact leased twice
    const [{ attempts }] = await db.query(
      `SELECT count(*)::int AS attempts FROM contact_attempt WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(attempts).toBe(outcomesRecorded);
    const [bad] = await db.query(`
      SELECT
        (SELECT count(*)::int FROM campaign_site WHERE share = 'NaN' OR floor_share = 'NaN' OR cap_share = 'NaN') AS nan_shares,
        (SELECT count(*)::int FROM staffing_report WHERE absenteeism_pct = 'NaN') AS nan_reports,
        (SELECT count(*)::int FROM contact c WHERE NOT EXISTS (SELECT 1 FROM campaign WHERE id = c.campaign_id)) AS orphan_contacts,
        (SELECT count(*)::int FROM contact_queue q WHERE NOT EXISTS (SELECT 1 FROM contact WHERE id = q.contact_id)) AS orphan_queue,
        (SELECT count(*)::int FROM contact_lease_item i WHERE NOT EXISTS (SELECT 1 FROM contact_lease WHERE id = i.lease_id)) AS orphan_items,
        (SELECT count(*)::int FROM contact_lease_item i JOIN contact_queue q USING (campaign_id, contact_id)) AS leased_and_queued,
        (SELECT count(*)::int FROM staffing_report WHERE current GROUP BY site_id, period HAVING count(*) > 1 LIMIT 1) AS two_current
    `);
    expect(bad).toEqual({
      nan_shares: 0,
      nan_reports: 0,
      orphan_contacts: 0,
      orphan_queue: 0,
      orphan_items: 0,
      leased_and_queued: 0,
      two_current: null,
    });
    // the live state holds each seat's latest event
    for (const site of [sittel, webhelp]) {
      const live = await api.request(`/api/v1/live?scope=site&id=${site.id}`, { token: tokens.admin });
      const seats = new Map(
        (live.body.seats as Array<{ seatId: string; state: string }>).map((s) => [s.seatId, s.state]),
      );
      for (const [seat, event] of lastEvent)
        if (site.seats.includes(seat)) expect([seat, seats.get(seat)]).toEqual([seat, event.state]);
    }
  });
});
