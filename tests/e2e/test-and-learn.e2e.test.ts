import jStat from 'jstat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OccupancyRollup } from '#live';
import { contractBody } from '../support/billing.js';
import { probabilityBBeatsA } from '../support/closed-form.js';
import { contactRows, csvOf, LAWFUL_MOMENT, waitFor, startCampaignsApi } from '../support/campaigns.js';
import { type DemoSite, postSeatEvents } from '../support/live.js';
import type { TestApi } from '../support/test-api.js';

describe('test-and-learn over HTTP: verdict, costs, share history, a new test cell, ending the test', () => {
  let api: TestApi;
  let manager: string;
  let partner: string;
  let sittel: DemoSite;
  let webhelp: DemoSite;
  let third: DemoSite;
  let setClock: (at: Date) => void;

  beforeAll(async () => {
    ({
      api,
      manager,
      partner,
      sittel,
      webhelp,
      phoneAssistance: third,
      setClock,
    } = await startCampaignsApi());
  });
  afterAll(() => api?.close());

  const post = (path: string, json: unknown, token = manager) =>
    api.request(`/api/v1${path}`, { method: 'POST', token, json });
  const get = (path: string, token = manager) => api.request(`/api/v1${path}`, { token });

  /** A running test_and_learn campaign with `perSite` × 2 contacts, split evenly between Sittel and Webhelp. */
  async function runningTest(
    name: string,
    perSite: number,
    first: number,
    extra: Record<string, unknown> = {},
  ) {
    const created = await post('/campaigns', {
      name,
      product: 'prevoyance-obseques',
      targetVolume: 10_000,
      callerNumber: '01 62 00 00 01',
      contractOffers: ['prevoyance', 'obseques'],
      allocationStrategy: 'test_and_learn',
      sites: [
        { siteId: sittel.id, costPerHour: 14, testCell: true },
        { siteId: webhelp.id, costPerHour: 16, testCell: true },
      ],
      ...extra,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const upload = await api.request(`/api/v1/campaigns/${id}/contacts`, {
      method: 'POST',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body: csvOf(contactRows(perSite * 2, first)),
    });
    await waitFor(
      () => get(`/imports/${upload.body.id}`),
      (response) => response.body.status === 'completed',
    );
    expect((await post(`/campaigns/${id}/launch`, {})).status).toBe(200);
    return id;
  }

  /** Leases `reached` contacts at a site and reports `sales` sales, the rest reached without a sale. */
  async function outcomes(
    campaignId: string,
    site: DemoSite,
    reached: number,
    sales: number,
    at: Date = LAWFUL_MOMENT,
  ) {
    const token = site === sittel ? partner : await api.tokenFor('partner2');
    const lease = await post(`/sites/${site.id}/batches/lease`, { size: reached, campaignId }, token);
    expect(lease.body.contacts).toHaveLength(reached);
    const report = await post(
      `/batches/${lease.body.id}/outcomes`,
      {
        outcomes: lease.body.contacts.map((contact: { contactId: string }, i: number) => ({
          contactId: contact.contactId,
          outcome: i < sales ? 'sale' : 'reached',
          at: at.toISOString(),
        })),
      },
      token,
    );
    expect(report.status).toBe(200);
  }

  it('decides on 40/200 against 20/200 with the hand-computed figures, costs from the seat history, and hides the comparison from partners', async () => {
    const id = await runningTest('T&L decided', 200, 700_000);
    // 12 Sittel seats and 6 Webhelp seats on a call in the minute of the calls: 0.2 h and 0.1 h
    const at = new Date(LAWFUL_MOMENT.getTime() - 30_000).toISOString();
    const onCall = (site: DemoSite, seats: number) =>
      site.seats.slice(0, seats).map((seatId) => ({ seatId, state: 'on_call' as const, at }));
    expect((await postSeatEvents(api, sittel.id, onCall(sittel, 12), partner)).status).toBe(200);
    expect(
      (await postSeatEvents(api, webhelp.id, onCall(webhelp, 6), await api.tokenFor('partner2'))).status,
    ).toBe(200);
    await api.app.get(OccupancyRollup).rollup(LAWFUL_MOMENT);
    await outcomes(id, sittel, 200, 40);
    await outcomes(id, webhelp, 200, 20);

    const verdict = await get(`/campaigns/${id}/verdict`);
    expect(verdict.status).toBe(200);
    const pSittel = 1 - probabilityBBeatsA(41, 161, 21, 181); // P(Sittel > Webhelp)
    expect(pSittel).toBeGreaterThan(0.99);
    expect(verdict.body).toMatchObject({
      campaignId: id,
      objective: 'conversion',
      confidence: 0.95,
      minReached: 50,
      status: 'decided',
      leaderSiteId: sittel.id,
      neededPerSite: 0,
      sentence: `${sittel.name} converts better than ${webhelp.name} with 99% probability.`,
    });
    const bySite = (siteId: string) =>
      verdict.body.sites.find((s: { siteId: string }) => s.siteId === siteId);
    const s = bySite(sittel.id);
    const w = bySite(webhelp.id);
    expect(s).toMatchObject({ reached: 200, sales: 40, conversion: 0.2, costPerHour: 14 });
    expect(w).toMatchObject({ reached: 200, sales: 20, conversion: 0.1, costPerHour: 16 });
    expect(s.probabilityBest).toBeCloseTo(pSittel, 4);
    expect(w.probabilityBest).toBeCloseTo(1 - pSittel, 4);
    // 95% credible interval: the 2.5% and 97.5% quantiles of Beta(41, 161)
    expect(s.conversionLow).toBeCloseTo(jStat.beta.inv(0.025, 41, 161), 6);
    expect(s.conversionHigh).toBeCloseTo(jStat.beta.inv(0.975, 41, 161), 6);
    // expected losses differ by the posterior means: 41/202 − 21/202
    expect(w.expectedLoss - s.expectedLoss).toBeCloseTo(20 / 202, 4);
    expect(s.expectedLoss).toBeLessThan(0.001);
    // costs: 12 seat-minutes = 0.2 h × 14 € = 2.80 €; 6 seat-minutes = 0.1 h × 16 € = 1.60 €
    expect(s.hours).toBeCloseTo(0.2, 10);
    expect(s.cost).toBeCloseTo(2.8, 10);
    expect(s.costPerReached).toBeCloseTo(2.8 / 200, 10);
    expect(s.costPerSale).toBeCloseTo(2.8 / 40, 10);
    expect(s.salesPerEuro).toBeCloseTo(40 / 2.8, 10);
    expect(w.cost).toBeCloseTo(1.6, 10);
    expect(w.costPerSale).toBeCloseTo(1.6 / 20, 10);

    // the split moves once recomputed, and the history keeps the trajectory
    setClock(new Date(LAWFUL_MOMENT.getTime() + 60_000));
    const recomputed = await post(`/campaigns/${id}/allocation`, {});
    const share = (siteId: string) =>
      recomputed.body.sites.find((site: { siteId: string }) => site.siteId === siteId).share;
    expect(share(sittel.id)).toBeCloseTo(pSittel, 4); // floor 0, cap 1: share = P(best)
    const history = await get(`/campaigns/${id}/share-history`);
    expect(history.status).toBe(200);
    const sittelPoints = history.body.points.filter((p: { siteId: string }) => p.siteId === sittel.id);
    expect(sittelPoints.map((p: { share: number }) => p.share)).toEqual([0.5, expect.closeTo(pSittel, 4)]);
    expect(sittelPoints[1]).toMatchObject({ reached: 200, sales: 40 });

    // a partner sees its own site, without the comparison
    const own = await get(`/campaigns/${id}/verdict`, partner);
    expect(own.status).toBe(200);
    expect(own.body.sites.map((site: { siteId: string }) => site.siteId)).toEqual([sittel.id]);
    expect(own.body).toMatchObject({ status: null, sentence: null, leaderSiteId: null, neededPerSite: null });
    expect(own.body.sites[0]).toMatchObject({ conversion: 0.2, probabilityBest: null, expectedLoss: null });
    const ownHistory = await get(`/campaigns/${id}/share-history`, partner);
    expect(new Set(ownHistory.body.points.map((p: { siteId: string }) => p.siteId))).toEqual(
      new Set([sittel.id]),
    );
    expect((await get(`/campaigns/${id}/verdict`, await api.tokenFor('partner2'))).body.sites).toHaveLength(
      1,
    );

    // sales per euro: Sittel 14.3 sales/€ against Webhelp 12.5
    const perEuro = await runningTest('T&L per euro', 60, 710_000, { testObjective: 'sales_per_euro' });
    expect((await get(`/campaigns/${perEuro}/verdict`)).body.objective).toBe('conversion'); // no cost yet

    // ending the test keeps the winner (the verdict's), audited; a second end is refused
    const ended = await post(`/campaigns/${id}/test/end`, {});
    expect(ended.status).toBe(200);
    expect(ended.body.test).toMatchObject({ winnerSiteId: sittel.id });
    expect(ended.body.sites.find((site: { siteId: string }) => site.siteId === sittel.id).share).toBe(1);
    expect((await post(`/campaigns/${id}/test/end`, {})).body.error.code).toBe('test_not_open');
    const endedVerdict = await get(`/campaigns/${id}/verdict`);
    expect(endedVerdict.body.status).toBe('ended');
    expect(endedVerdict.body.sentence).toContain(`${sittel.name} kept`);
    const audit = await get(
      `/audit-events?entity=campaigns.test.end&entityId=${id}`,
      await api.tokenFor('admin'),
    );
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'POST /api/v1/campaigns/:id/test/end', status: 200 });

    // a new partner enters as a test cell with its floor: the test opens again, evenly split above floors
    expect((await post(`/campaigns/${id}/sites`, { siteId: third.id, floor: 0.1 }, partner)).status).toBe(
      403,
    );
    const joined = await post(`/campaigns/${id}/sites`, { siteId: third.id, floor: 0.1, costPerHour: 12 });
    expect(joined.status).toBe(200);
    expect(joined.body.test).toMatchObject({ endedAt: null, winnerSiteId: null });
    const newcomer = joined.body.sites.find((site: { siteId: string }) => site.siteId === third.id);
    expect(newcomer).toMatchObject({ testCell: true, floor: 0.1 });
    // fewer than 50 reached at the newcomer: even split above the floors (0.1 + 0.9 / 3 for it)
    expect(newcomer.share).toBeCloseTo(0.4, 6);
    expect((await post(`/campaigns/${id}/sites`, { siteId: third.id })).body.error.code).toBe(
      'site_already_in_campaign',
    );
    const collecting = await get(`/campaigns/${id}/verdict`);
    expect(collecting.body.status).toBe('collecting');
    expect(collecting.body.sentence).toMatch(
      /^Not enough evidence yet: about \d+ more reached contacts per site/,
    );
  });

  it('says there is no difference yet, and how many more reached contacts per site it needs', async () => {
    const id = await runningTest('T&L undecided', 60, 720_000);
    await outcomes(id, sittel, 60, 9);
    await outcomes(id, webhelp, 60, 10);
    const verdict = await get(`/campaigns/${id}/verdict`);
    expect(verdict.body.status).toBe('undecided');
    expect(verdict.body.leaderSiteId).toBeNull();
    expect(verdict.body.neededPerSite).toBeGreaterThan(100);
    expect(verdict.body.sentence).toMatch(
      /^No difference yet: about [\d,]+ more reached contacts per site needed\.$/,
    );
    const pWebhelp = probabilityBBeatsA(10, 52, 11, 51);
    const w = verdict.body.sites.find((site: { siteId: string }) => site.siteId === webhelp.id);
    expect(w.probabilityBest).toBeCloseTo(pWebhelp, 4);
    // the split stays even while nothing is known
    const recomputed = await post(`/campaigns/${id}/allocation`, {});
    for (const site of recomputed.body.sites) expect(site.share).toBeCloseTo(0.5, 6);
    expect((await post(`/campaigns/${id}/test/end`, {})).body.error.code).toBe('test_not_open');
    expect((await get('/campaigns/00000000-0000-4000-8000-000000000000/verdict')).status).toBe(404);
  });

  it("prices each site of a test by billing's contract in euros, at the month's MAD→EUR rate, and says when it cannot", async () => {
    // Tuesday 24 November 2026, 15:00 Paris (14:00 UTC): a lawful moment, a day after the other tests' calls
    const at = new Date('2026-11-24T14:00:00Z');
    setClock(at);
    const id = await runningTest('T&L billed', 30, 730_000, { testObjective: 'sales_per_euro' });
    // the seats of the first test are still on a call: 12 at Sittel and 6 at Webhelp in the minute of the calls
    await api.app.get(OccupancyRollup).rollup(at);
    await outcomes(id, sittel, 30, 6, at);
    await outcomes(id, webhelp, 30, 3, at);
    setClock(new Date(at.getTime() + 5 * 60_000));
    // Sittel bills 100 MAD per productive hour, Webhelp 12 EUR
    const sittelContract = contractBody(sittel.partnerId, 'Sittel 2026');
    const webhelpContract = {
      ...contractBody(webhelp.partnerId, 'Webhelp 2026'),
      currency: 'EUR',
      rates: [{ validFrom: '2026-01-01', amount: 12 }],
    };
    for (const json of [sittelContract, webhelpContract])
      expect((await post('/billing/contracts', json)).status).toBe(201);

    // no MAD→EUR rate for November: Sittel cannot be priced by billing, so both sites are on the estimate, said so
    const unpriced = await get(`/campaigns/${id}/verdict`);
    const site = (body: { sites: Array<{ siteId: string }> }, siteId: string) =>
      body.sites.find((entry) => entry.siteId === siteId) as Record<string, unknown>;
    // estimate: 12 seat-minutes = 0.2 h x 14 € = 2.80 €; 6 seat-minutes = 0.1 h x 16 € = 1.60 €
    expect(site(unpriced.body, sittel.id)).toMatchObject({
      costSource: 'estimate',
      cost: expect.closeTo(2.8, 10),
      contractCost: 20, // known in MAD, but not in euros
      contractCurrency: 'MAD',
      costNote:
        'estimated from staffed hours x cost per hour: billing cannot price it: no exchange rate MAD→EUR for 2026-11 (a manager enters it under Billing)',
    });
    expect(site(unpriced.body, webhelp.id)).toMatchObject({
      costSource: 'estimate',
      cost: expect.closeTo(1.6, 10),
      contractCost: 1.2,
      contractCurrency: 'EUR',
      costNote:
        'estimated from staffed hours x cost per hour: billing cannot price another site of the test, so every site is compared on estimates',
    });

    const rate = (json: unknown, token = manager) =>
      api.request('/api/v1/billing/exchange-rates', { method: 'PUT', token, json });
    expect((await rate({ currency: 'MAD', month: '2026-11', eurPerUnit: 0.0925 })).status).toBe(200);
    const priced = await get(`/campaigns/${id}/verdict`);
    // billing: 0.2 billable h x 100 MAD = 20 MAD x 0.0925 = 1.85 €; 0.1 h x 12 € = 1.20 €
    const s = site(priced.body, sittel.id);
    const w = site(priced.body, webhelp.id);
    expect(s).toMatchObject({
      costSource: 'billing',
      costNote: null,
      cost: 1.85,
      contractCost: 20,
      contractCurrency: 'MAD',
      hours: expect.closeTo(0.2, 10),
    });
    expect(w).toMatchObject({ costSource: 'billing', costNote: null, cost: 1.2, contractCost: 1.2 });
    // sales per euro: 6 / 1.85 = 3.2432 against 3 / 1.20 = 2.5 (on the estimate, 6 / 2.8 = 2.14 against 3 / 1.6 = 1.875)
    expect(priced.body.objective).toBe('sales_per_euro');
    expect(s.salesPerEuro).toBeCloseTo(6 / 1.85, 10);
    expect(w.salesPerEuro).toBeCloseTo(3 / 1.2, 10);
    expect(s.costPerSale).toBeCloseTo(1.85 / 6, 10);
    // the split is recomputed on the same costs
    expect((await post(`/campaigns/${id}/allocation`, {})).status).toBe(200);
  });
});
