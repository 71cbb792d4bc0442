import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSite } from '../support/live.js';
import {
  contactRows,
  CONTACTS_HEADER,
  csvOf,
  LAWFUL_MOMENT,
  waitFor,
  startCampaignsApi,
} from '../support/campaigns.js';
import type { TestApi } from '../support/test-api.js';

describe('campaigns over HTTP: create, import, launch, lease, outcomes, progress', () => {
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
  const get = (path: string, token = manager) => api.request(`/api/v1${path}`, { token });
  const upload = (campaignId: string, csv: string, token = manager) =>
    api.request(`/api/v1/campaigns/${campaignId}/contacts`, {
      method: 'POST',
      token,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
  const campaignBody = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    product: 'prevoyance-obseques',
    objective: 'cross-sell',
    targetVolume: 1000,
    callerNumber: '01 62 00 00 01',
    contractOffers: ['prevoyance', 'obseques'],
    allocationStrategy: 'proportional_capacity',
    sites: [
      { siteId: sittel.id, costPerHour: 14 },
      { siteId: webhelp.id, costPerHour: 16 },
    ],
    ...extra,
  });
  const finished = (importId: string) =>
    waitFor(
      () => get(`/imports/${importId}`),
      (response) => response.body.status === 'completed',
    );

  it('refuses a caller number outside the ARCEP ranges, unknown sites and bad terms', async () => {
    const arcep = await post('/campaigns', campaignBody('Bad caller', { callerNumber: '06 12 34 56 78' }));
    expect(arcep.status).toBe(400);
    expect(arcep.body.error.code).toBe('caller_number_not_arcep');
    const unknown = await post(
      '/campaigns',
      campaignBody('Unknown site', { sites: [{ siteId: '00000000-0000-4000-8000-000000000000' }] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_site');
    const floors = await post(
      '/campaigns',
      campaignBody('Floors', {
        sites: [
          { siteId: sittel.id, floor: 0.7 },
          { siteId: webhelp.id, floor: 0.6 },
        ],
      }),
    );
    expect(floors.body.error.code).toBe('invalid_allocation');
    expect((await post('/campaigns', campaignBody('Partner'), partner)).status).toBe(403);
  });

  it('imports a CSV: E.164, duplicates merged, rows without a lawful basis rejected by line, suppressed numbers withheld', async () => {
    const created = await post('/campaigns', campaignBody('Automne obsèques'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      callerNumber: '+33162000001',
      contractOffers: ['prevoyance', 'obseques'],
    });
    const id = created.body.id;
    const suppressed = await post('/suppressions', { phones: ['07 80 00 00 09'], source: 'bloctel' });
    expect(suppressed.status).toBe(200);
    expect(suppressed.body).toMatchObject({ received: 1, added: 1 });
    const csv = [
      CONTACTS_HEADER,
      '06 12 34 56 78,Jeanne,Martin,consent,2026-01-10,WEB-1,,', // line 2
      '+33612345678,Jeanne,Martin,consent,2026-01-10,WEB-1,,', // 3: same number
      '0698765432,Louis,Bernard,,,,,', // 4: no lawful basis
      'garbage,Paul,Durand,consent,2026-01-10,WEB-2,,', // 5: not a number
      '07 80 00 00 09,Anne,Petit,current_contract,,,CTR-9,prevoyance', // 6: on the opposition list
      '+262 262 12 34 56,Marie,Hoarau,current_contract,,,CTR-10,obseques', // 7: Réunion
      '0611111111,Luc,Roux,consent,2026-01-10,,,', // 8: consent without proof
      '0622222222,Too,Few', // 9: a short row
      ...contactRows(20, 500),
    ].join('\n');
    const started = await upload(id, csv);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ rows: 28, valid: 24, rejected: 4 });
    const report = (await finished(started.body.id)).body;
    expect(report).toMatchObject({ rows: 28, valid: 24, rejected: 4, created: 23, merged: 1, suppressed: 1 });
    expect(report.rejections).toEqual([
      { line: 4, reason: 'lawful_basis_missing' },
      { line: 5, reason: 'invalid_phone' },
      { line: 8, reason: 'consent_proof_missing' },
      { line: 9, reason: 'wrong_number_of_fields' },
    ]);
    const campaign = await get(`/campaigns/${id}`);
    expect(campaign.body.contactCount).toBe(22);
  });

  it("counts one set of contacts in the list, the progress and the sites' lease quotas: withheld and withdrawn numbers are not among them", async () => {
    const withheld = '07 80 00 00 19';
    expect((await post('/suppressions', { phones: [withheld], source: 'bloctel' })).status).toBe(200);
    const halves = { floor: 0.5, cap: 0.5 };
    const created = await post(
      '/campaigns',
      campaignBody('Un seul compte', {
        sites: [
          { siteId: sittel.id, ...halves },
          { siteId: webhelp.id, ...halves },
        ],
      }),
    );
    const id = created.body.id;
    const rows = contactRows(11, 7000);
    const csv = csvOf([...rows, `${withheld},Anne,Petit,current_contract,,,CTR-19,prevoyance`]);
    const report = (await finished((await upload(id, csv)).body.id)).body;
    expect(report).toMatchObject({ created: 12, suppressed: 1 });
    expect((await post(`/campaigns/${id}/launch`, {})).status).toBe(200);
    const counts = async () => {
      const listed = (await get('/campaigns?limit=200')).body.items.find((c: { id: string }) => c.id === id);
      const progress = (await get(`/campaigns/${id}/progress`)).body;
      return {
        list: listed.contactCount,
        campaign: (await get(`/campaigns/${id}`)).body.contactCount,
        progress: progress.contacts,
        leftAndDone: progress.contactsLeft + progress.done,
        suppressed: progress.suppressed,
      };
    };
    expect(await counts()).toEqual({ list: 11, campaign: 11, progress: 11, leftAndDone: 11, suppressed: 1 });

    // a number withdrawn after the import leaves the count everywhere
    const withdrawn = await post('/suppressions', { phones: [rows[0].split(',')[0]], source: 'customer' });
    expect(withdrawn.body.contactsSuppressed).toBe(1);
    expect(await counts()).toEqual({ list: 10, campaign: 10, progress: 10, leftAndDone: 10, suppressed: 2 });

    // each site's quota is its half of those 10 contacts: 5 each, and every contact is leased
    const leased = async (site: DemoSite, token: string) =>
      (await post(`/sites/${site.id}/batches/lease`, { size: 100, campaignId: id }, token)).body.contacts
        .length;
    expect(await leased(webhelp, partner2)).toBe(5);
    expect(await leased(sittel, partner)).toBe(5);
    expect(await counts()).toMatchObject({ progress: 10, leftAndDone: 10 });
    expect((await get(`/campaigns/${id}/progress`)).body).toMatchObject({ contactsLeft: 10, leased: 10 });
  });

  it('refuses a malformed CSV or a missing column whole, and wrong content types', async () => {
    const created = await post('/campaigns', campaignBody('Malformed'));
    const id = created.body.id;
    const malformed = await upload(
      id,
      `${CONTACTS_HEADER}\n0612345678,"Jeanne,Martin,consent,2026-01-10,W,,\n`,
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_csv');
    const missing = await upload(id, 'phone,first_name\n0612345678,Jeanne\n');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 'missing_csv_columns',
      details: { missing: ['lawful_basis'] },
    });
    const json = await post(`/campaigns/${id}/contacts`, { phone: '0612345678' });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('unsupported_upload');
    expect((await get(`/campaigns/${id}`)).body.contactCount).toBe(0);
    const missingCampaign = await upload('00000000-0000-4000-8000-000000000000', csvOf(contactRows(2)));
    expect(missingCampaign.status).toBe(404);
  });

  it('runs the lifecycle, leases lawful contacts to partners for their own sites and records outcomes', async () => {
    const created = await post('/campaigns', campaignBody('Cycle de vie'));
    const id = created.body.id;
    const started = await upload(id, csvOf(contactRows(40, 2000)));
    await finished(started.body.id);

    const early = await post(`/sites/${sittel.id}/batches/lease`, { campaignId: id }, partner);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('campaign_not_running');
    const illegal = await post(`/campaigns/${id}/resume`, {});
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({
      code: 'illegal_campaign_transition',
      details: { from: 'draft' },
    });
    expect((await post(`/campaigns/${id}/launch`, {}, partner)).status).toBe(403);

    const launched = await post(`/campaigns/${id}/launch`, {});
    expect(launched.status).toBe(200);
    expect(launched.body.status).toBe('running');
    const shares = Object.fromEntries(
      launched.body.sites.map((s: { siteId: string; share: number }) => [s.siteId, s.share]),
    );
    // proportional to staffed capacity (latest staffing report, else installed seats)
    expect(shares[sittel.id] + shares[webhelp.id]).toBeCloseTo(1, 5);
    expect(shares[webhelp.id]).toBeGreaterThan(0);

    // partners see the campaign with their own site only
    const seen = await get(`/campaigns/${id}`, partner);
    expect(seen.body.sites.map((s: { siteId: string }) => s.siteId)).toEqual([sittel.id]);

    expect((await post(`/sites/${sittel.id}/batches/lease`, { size: 5 }, partner2)).status).toBe(404);
    const lease = await post(`/sites/${sittel.id}/batches/lease`, { size: 5, campaignId: id }, partner);
    expect(lease.status).toBe(200);
    expect(lease.body.contacts).toHaveLength(5);
    expect(lease.body.contacts[0]).toMatchObject({
      campaignId: id,
      timeZone: 'Europe/Paris',
      callerNumber: '+33162000001',
    });
    expect(lease.body.contacts[0].phone).toMatch(/^\+336\d{8}$/);
    const other = await post(`/sites/${webhelp.id}/batches/lease`, { size: 100, campaignId: id }, partner2);
    expect(other.body.contacts).toHaveLength(Math.ceil(40 * shares[webhelp.id] - 1e-9)); // Webhelp's share of 40
    const leasedIds = [...lease.body.contacts, ...other.body.contacts].map(
      (c: { contactId: string }) => c.contactId,
    );
    expect(new Set(leasedIds).size).toBe(leasedIds.length);

    const [a, b, c, d] = lease.body.contacts.map((contact: { contactId: string }) => contact.contactId);
    const batch = lease.body.id;
    const report = (outcomes: unknown[], token = partner) =>
      post(`/batches/${batch}/outcomes`, { outcomes }, token);
    expect((await report([{ contactId: a, outcome: 'sale' }], partner2)).status).toBe(404);
    const first = await report([
      { contactId: a, outcome: 'sale' },
      { contactId: b, outcome: 'refused' },
      { contactId: c, outcome: 'no_answer' },
    ]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ recorded: 3, duplicates: 0, remaining: 2 });
    const again = await report([{ contactId: a, outcome: 'sale' }]);
    expect(again.body).toMatchObject({ recorded: 0, duplicates: 1 });
    const conflict = await report([{ contactId: a, outcome: 'refused' }]);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('outcome_conflict');
    const stranger = await report([
      { contactId: d, outcome: 'reached' },
      { contactId: other.body.contacts[0].contactId, outcome: 'sale' },
    ]);
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.code).toBe('contact_not_in_batch');
    expect((await report([{ contactId: d, outcome: 'do_not_call' }])).body.recorded).toBe(1); // d was not half-written

    const progress = await get(`/campaigns/${id}/progress`);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ contacts: 40, attempts: 4, sales: 1, reached: 3 });
    const sittelProgress = progress.body.bySite.find((s: { siteId: string }) => s.siteId === sittel.id);
    expect(sittelProgress).toMatchObject({ attempts: 4, sales: 1, country: 'MA' });
    const transparency = await get(`/campaigns/${id}/transparency`);
    expect(transparency.body).toMatchObject({ total: 4, byCountry: { MA: 4 } });
    expect(transparency.body.items[0]).toMatchObject({
      siteId: sittel.id,
      partnerName: 'Sittel',
      country: 'MA',
    });
    expect((await get(`/campaigns/${id}/progress`, partner)).status).toBe(403);

    // paused: no lease for it
    expect((await post(`/campaigns/${id}/pause`, {})).body.status).toBe('paused');
    const paused = await post(`/sites/${sittel.id}/batches/lease`, { campaignId: id }, partner);
    expect(paused.status).toBe(409);
    const none = await post(`/sites/${sittel.id}/batches/lease`, {}, partner);
    expect(none.body.contacts.filter((contact: { campaignId: string }) => contact.campaignId === id)).toEqual(
      [],
    );
    expect((await post(`/campaigns/${id}/resume`, {})).body.status).toBe('running');
    expect((await post(`/campaigns/${id}/complete`, {})).body.status).toBe('completed');
    expect((await post(`/campaigns/${id}/launch`, {})).status).toBe(409);
  });

  it('leases only consumers whose own clock allows the call (13:30 in Paris is 16:30 in Réunion)', async () => {
    const created = await post('/campaigns', campaignBody('Fuseaux', { sites: [{ siteId: sittel.id }] }));
    const id = created.body.id;
    const csv = csvOf([
      '06 55 00 00 01,A,B,consent,2026-01-10,P-1,,',
      '+262 692 00 00 01,C,D,consent,2026-01-10,P-2,,',
      '+590 690 00 00 01,E,F,consent,2026-01-10,P-3,,',
    ]);
    await finished((await upload(id, csv)).body.id);
    await post(`/campaigns/${id}/launch`, {});
    // Webhelp works none of this campaign's sites: its list leaves it out; Sittel sees it
    const ids = async (token: string) =>
      (await get('/campaigns?limit=200', token)).body.items.map((c: { id: string }) => c.id);
    expect(await ids(partner2)).not.toContain(id);
    expect(await ids(partner)).toContain(id);
    expect((await get(`/campaigns/${id}`, partner2)).status).toBe(404);
    setClock(DateTime.fromISO('2026-11-23T13:30', { zone: 'Europe/Paris' }).toJSDate());
    try {
      const lunch = await post(`/sites/${sittel.id}/batches/lease`, { campaignId: id, size: 10 }, partner);
      expect(lunch.body.contacts.map((contact: { phone: string }) => contact.phone)).toEqual([
        '+262692000001',
      ]);
      const progress = await get(`/campaigns/${id}/progress`);
      expect(progress.body.complianceRefusals).toEqual({ outside_calling_hours: 2 });
      setClock(DateTime.fromISO('2026-11-22T16:00', { zone: 'Europe/Paris' }).toJSDate()); // a Sunday
      const sunday = await post(`/sites/${sittel.id}/batches/lease`, { campaignId: id, size: 10 }, partner);
      expect(sunday.body).toMatchObject({ id: null, contacts: [] });
      expect((await get(`/campaigns/${id}/progress`)).body.complianceRefusals).toEqual({ weekend: 2 });
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });
});
