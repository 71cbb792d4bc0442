import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeatState } from '#contracts';
import { OccupancyRollup } from '#live';
import { type HandleSample, measureHandleTimes } from '#planning';
import {
  type CampaignsApi,
  contactRows,
  csvOf,
  LAWFUL_MOMENT,
  runningCampaign,
  startCampaignsApi,
  waitFor,
} from '../support/campaigns.js';
import { postSeatEvents } from '../support/live.js';
import { startTestApi, TestApi } from '../support/test-api.js';

const DAY = '2026-12-07'; // a Monday; Paris is UTC+1 in December
const dayStart = Date.parse('2026-12-06T23:00:00Z');

describe('planning api over HTTP', () => {
  let api: TestApi;
  let admin: string;
  let manager: string;
  let partner: string;
  let sites: Array<{ id: string; name: string; partnerId: string; partnerName: string }>;
  let queueId: string;

  beforeAll(async () => {
    api = await startTestApi();
    [admin, manager, partner] = await Promise.all([
      api.tokenFor('admin'),
      api.tokenFor('manager'),
      api.tokenFor('partner'),
    ]);
    // two sites of Sittel's own, which no demo queue answers: their figures come from this file's queue alone
    const network = (await api.request('/api/v1/sites?limit=200', { token: admin })).body.items;
    const sittel = network.find((site: { partnerName: string }) => site.partnerName === 'Sittel').partnerId;
    for (const name of ['Sittel Planning A', 'Sittel Planning B']) {
      const created = await api.request('/api/v1/sites', {
        method: 'POST',
        token: admin,
        json: {
          partnerId: sittel,
          name,
          city: 'Casablanca',
          country: 'MA',
          timeZone: 'Africa/Casablanca',
          installedSeats: 80,
          openedOn: '2020-01-06',
        },
      });
      expect(created.status, created.text).toBe(201);
    }
    const all = (await api.request('/api/v1/sites?limit=200', { token: admin })).body.items;
    sites = [
      ...all.filter((site: { name: string }) => site.name.startsWith('Sittel Planning')),
      ...all.filter((site: { name: string }) => !site.name.startsWith('Sittel Planning')),
    ];
  });
  afterAll(() => api?.close());

  const auditCount = async () =>
    (await api.request('/api/v1/audit-events?limit=1', { token: admin })).body.total as number;

  it('answers a what-if with Erlang C and Erlang A, and leaves no audit event', async () => {
    const before = await auditCount();
    const classic = await api.request('/api/v1/planning/what-if', {
      method: 'POST',
      token: manager,
      json: {
        calls: [100, 0],
        ahtSeconds: 180,
        target: { kind: 'service_level', seconds: 20, level: 0.8 },
        maxOccupancy: 1,
        shrinkage: 0.3,
      },
    });
    expect(classic.status, classic.text).toBe(200);
    expect(classic.body).toMatchObject({
      model: 'erlang_c',
      serviceLevelDefinition: 'answered_within_t_over_offered',
      serviceSeconds: 20,
      peakScheduledAgents: 20,
    });
    expect(classic.body.intervals[0]).toMatchObject({ requiredAgents: 14, agents: 14, trafficErlangs: 10 });
    expect(classic.body.intervals[0].serviceLevel).toBeCloseTo(0.88835, 4);
    expect(classic.body.intervals[1]).toMatchObject({ requiredAgents: 0, serviceLevel: 1 });

    const patient = await api.request('/api/v1/planning/what-if', {
      method: 'POST',
      token: manager,
      json: {
        calls: [100],
        ahtSeconds: 180,
        patienceSeconds: 120,
        target: { kind: 'abandonment', rate: 0.05 },
        agents: [8],
      },
    });
    expect(patient.status, patient.text).toBe(200);
    expect(patient.body.model).toBe('erlang_a');
    expect(patient.body.intervals[0].agents).toBe(8);
    expect(patient.body.intervals[0].probabilityOfAbandoning).toBeGreaterThan(0.05);
    expect(patient.body.intervals[0].requiredAgents).toBeGreaterThan(8);
    expect(await auditCount()).toBe(before);
  });

  it('refuses a what-if it cannot answer with a 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ calls: [10], ahtSeconds: 180, target: { kind: 'abandonment', rate: 0.05 } }, 'invalid_what_if'],
      [{ calls: [10], ahtSeconds: 180, target: { kind: 'service_level', seconds: 20 } }, 'invalid_target'],
      [
        { calls: [10, 20], ahtSeconds: 180, target: { kind: 'asa', seconds: 20 }, agents: [3] },
        'invalid_what_if',
      ],
      [{ calls: [-1], ahtSeconds: 180, target: { kind: 'asa', seconds: 20 } }, 'validation_failed'],
      [{ calls: [10], ahtSeconds: 0, target: { kind: 'asa', seconds: 20 } }, 'validation_failed'],
    ];
    for (const [json, code] of cases) {
      const response = await api.request('/api/v1/planning/what-if', {
        method: 'POST',
        token: manager,
        json,
      });
      expect(response.status, JSON.stringify(json)).toBe(400);
      expect(response.body.error.code).toBe(code);
    }
  });

  it('creates a queue split across two sites, refusing a bad split', async () => {
    const [first, second] = sites;
    const base = {
      ahtSeconds: 240,
      patienceSeconds: 150,
      target: { kind: 'service_level', seconds: 20, level: 0.8 },
      maxOccupancy: 0.9,
    };
    const unbalanced = await api.request('/api/v1/planning/queues', {
      method: 'POST',
      token: manager,
      json: { ...base, name: 'Bad split', sites: [{ siteId: first.id, share: 0.5 }] },
    });
    expect(unbalanced.status).toBe(400);
    expect(unbalanced.body.error.code).toBe('invalid_split');
    const unknown = await api.request('/api/v1/planning/queues', {
      method: 'POST',
      token: manager,
      json: {
        ...base,
        name: 'Unknown site',
        sites: [{ siteId: '00000000-0000-4000-8000-000000000000', share: 1 }],
      },
    });
    expect(unknown.status).toBe(404);

    const created = await api.request('/api/v1/planning/queues', {
      method: 'POST',
      token: manager,
      json: {
        ...base,
        name: 'Prévoyance',
        sites: [
          { siteId: first.id, share: 0.6 },
          { siteId: second.id, share: 0.4 },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    queueId = created.body.id;
    expect(created.body).toMatchObject({ name: 'Prévoyance', patienceSeconds: 150, target: base.target });
    const again = await api.request('/api/v1/planning/queues', {
      method: 'POST',
      token: manager,
      json: { ...base, name: 'Prévoyance', sites: [{ siteId: first.id, share: 1 }] },
    });
    expect(again.status).toBe(409);
    const forbidden = await api.request('/api/v1/planning/queues', { token: partner });
    expect(forbidden.status).toBe(403);
  });

  it('takes interval volumes by JSON and CSV, all or nothing', async () => {
    const intervals = Array.from({ length: 48 }, (_, i) => ({
      start: new Date(dayStart + i * 1_800_000).toISOString(),
      calls: i >= 18 && i < 40 ? 120 : 0,
    }));
    const json = await api.request(`/api/v1/planning/queues/${queueId}/volumes`, {
      method: 'PUT',
      token: manager,
      json: { intervals },
    });
    expect(json.status, json.text).toBe(200);
    expect(json.body).toEqual({ queueId, intervals: 48 });

    const bad = await api.request(`/api/v1/planning/queues/${queueId}/volumes/csv`, {
      method: 'PUT',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body: `start,calls\n${intervals[20].start},999\n2026-12-07T10:10:00Z,4\n${intervals[21].start},-3\n`,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_volumes');
    expect(bad.body.error.details.problems.map((p: { line: number }) => p.line)).toEqual([3, 4]);
    const csv = await api.request(`/api/v1/planning/queues/${queueId}/volumes/csv`, {
      method: 'PUT',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body: `start,calls\n${intervals[20].start},240\n`,
    });
    expect(csv.status, csv.text).toBe(200);
    const excel = await api.request(`/api/v1/planning/queues/${queueId}/volumes/csv`, {
      method: 'PUT',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body: `\uFEFFstart;calls\r\n${intervals[22].start};60\r\n`,
    });
    expect(excel.status, excel.text).toBe(200);
    const stored = await api.request(`/api/v1/planning/queues/${queueId}/volumes?date=${DAY}`, {
      token: manager,
    });
    expect(stored.body).toHaveLength(48);
    expect(stored.body[20].calls).toBe(240);
    expect(stored.body[21].calls).toBe(120);
    expect(stored.body[22].calls).toBe(60);
  });

  it('plans required agents and seats per site and interval, and per partner rounded once', async () => {
    const [first, second] = sites;
    const bySite = await api.request(`/api/v1/planning/capacity?date=${DAY}&groupBy=site`, {
      token: manager,
    });
    expect(bySite.status, bySite.text).toBe(200);
    expect(bySite.body).toMatchObject({ from: DAY, days: 1, timeZone: 'Europe/Paris', groupBy: 'site' });
    const groupOf = (id: string) => bySite.body.groups.find((g: { key: string }) => g.key === id);
    const one = groupOf(first.id);
    const two = groupOf(second.id);
    expect(one.intervals).toHaveLength(48);
    expect(one.intervals[0]).toMatchObject({ start: '2026-12-06T23:00:00.000Z', requiredAgents: 0 });
    expect(one.intervals[20].requiredAgents).toBeGreaterThan(two.intervals[20].requiredAgents);
    expect(one.intervals[20].requiredAgents).toBeGreaterThan(one.intervals[21].requiredAgents);
    expect(one.intervals[20].requiredSeats).toBeLessThanOrEqual(one.intervals[20].requiredAgents);
    if (one.staffedSeats !== null)
      expect(one.intervals[20].gap).toBe(one.staffedSeats - one.intervals[20].requiredSeats);
    expect(one.days[0].peakAgents).toBe(one.intervals[20].requiredAgents);

    const byCountry = await api.request(`/api/v1/planning/capacity?date=${DAY}&groupBy=country`, {
      token: manager,
    });
    // a country's sum is rounded once: at most the sum of its sites' rounded figures, less than one short per site
    for (const country of byCountry.body.groups as Array<{
      siteIds: string[];
      intervals: Array<{ requiredAgents: number }>;
    }>) {
      const own = country.siteIds.map(groupOf);
      const rounded = own.reduce((sum, g) => sum + g.intervals[20].requiredAgents, 0);
      expect(country.intervals[20].requiredAgents).toBeLessThanOrEqual(rounded);
      expect(country.intervals[20].requiredAgents).toBeGreaterThanOrEqual(
        rounded - Math.max(0, own.filter((g) => g.intervals[20].requiredAgents > 0).length - 1),
      );
    }
    expect(byCountry.body.groups.find((g: { key: string }) => g.key === 'MA').siteIds).toEqual(
      expect.arrayContaining([first.id, second.id]),
    );

    const partnerView = await api.request(`/api/v1/planning/capacity?date=${DAY}`, { token: partner });
    expect(partnerView.status).toBe(200);
    const partnerSites = sites.filter((s) => s.partnerName.startsWith('Sittel')).map((s) => s.id);
    expect(partnerView.body.groups.map((g: { key: string }) => g.key).sort()).toEqual(partnerSites.sort());
  });

  it('prices the split against one pooled queue', async () => {
    const response = await api.request(`/api/v1/planning/queues/${queueId}/pooling?date=${DAY}`, {
      token: manager,
    });
    expect(response.status, response.text).toBe(200);
    const busy = response.body.intervals.find((i: { calls: number }) => i.calls === 240);
    expect(busy.splitAgents).toBeGreaterThan(busy.pooledAgents);
    expect(busy.splitCost).toBe(busy.splitAgents - busy.pooledAgents);
    expect(response.body.splitCostAgentHours).toBeGreaterThan(0);
  });

  it('suggests a month-end headcount that a manager accepts into the plan, audited', async () => {
    const site = sites[0];
    const suggestion = await api.request(`/api/v1/planning/sites/${site.id}/suggestions/2026-12`, {
      token: manager,
    });
    expect(suggestion.status, suggestion.text).toBe(200);
    expect(suggestion.body.daysWithDemand).toBe(1);
    expect(suggestion.body.suggestedHeadcount).toBe(
      Math.ceil((suggestion.body.scheduledAgentHours * 7) / 35 - 1e-9),
    );
    const before = await auditCount();
    const accepted = await api.request(`/api/v1/planning/sites/${site.id}/plans/2026-12`, {
      method: 'PUT',
      token: manager,
      json: {},
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({
      siteId: site.id,
      month: '2026-12',
      headcount: suggestion.body.suggestedHeadcount,
    });
    const plans = await api.request(`/api/v1/sites/${site.id}/plans?from=2026-12&to=2026-12`, {
      token: manager,
    });
    expect(plans.body[0].headcount).toBe(suggestion.body.suggestedHeadcount);
    expect(await auditCount()).toBe(before + 1);
    const events = await api.request('/api/v1/audit-events?limit=1', { token: admin });
    expect(events.body.items[0]).toMatchObject({ entity: 'planning.sites.plans', entityId: site.id });

    const empty = await api.request(`/api/v1/planning/sites/${site.id}/plans/2027-03`, {
      method: 'PUT',
      token: manager,
      json: {},
    });
    expect(empty.status).toBe(409);
    expect(empty.body.error.code).toBe('no_demand');
    const badMonth = await api.request(`/api/v1/planning/sites/${site.id}/suggestions/2026-13`, {
      token: manager,
    });
    expect(badMonth.status).toBe(400);
  });
});

describe('planning forecasts over HTTP', () => {
  let api: TestApi;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    api = await startTestApi();
    [admin, manager] = await Promise.all([api.tokenFor('admin'), api.tokenFor('manager')]);
  });
  afterAll(() => api?.close());

  const parisMidnight = (offsetDays: number) => {
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
    const date = new Date(Date.parse(`${today}T12:00:00Z`) + offsetDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    // Paris is UTC+1 from late October to late March, UTC+2 otherwise
    const offset = new Date(`${date}T12:00:00Z`)
      .toLocaleString('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' })
      .match(/GMT\+(\d)/)![1];
    return { date, start: Date.parse(`${date}T00:00:00Z`) - Number(offset) * 3_600_000 };
  };
  /** A weekly pattern (336 half-hours): 09:00-19:59 busy, calls 60 + 5 × (index mod 7). */
  const pattern = (index: number) => (index % 48 >= 18 && index % 48 < 40 ? 60 + (index % 7) * 5 : 0);

  it('forecasts an exactly weekly queue exactly, both methods at WAPE 0, and the plan uses it from today on', async () => {
    const network = (await api.request('/api/v1/sites?limit=200', { token: admin })).body.items;
    const site = await api.request('/api/v1/sites', {
      method: 'POST',
      token: admin,
      json: {
        partnerId: network[0].partnerId,
        name: 'Forecast site',
        city: 'Rabat',
        country: 'MA',
        timeZone: 'Africa/Casablanca',
        installedSeats: 50,
        openedOn: '2020-01-06',
      },
    });
    expect(site.status, site.text).toBe(201);
    const target = { kind: 'service_level', seconds: 20, level: 0.8 };
    const queue = await api.request('/api/v1/planning/queues', {
      method: 'POST',
      token: manager,
      json: {
        name: 'Weekly exact',
        ahtSeconds: 240,
        target,
        maxOccupancy: 0.9,
        sites: [{ siteId: site.body.id, share: 1 }],
      },
    });
    expect(queue.status, queue.text).toBe(201);
    const today = parisMidnight(0);
    const historyFrom = today.start - 4 * 336 * 1_800_000;
    const intervals = Array.from({ length: 4 * 336 }, (_, i) => ({
      start: new Date(historyFrom + i * 1_800_000).toISOString(),
      calls: pattern(i),
    }));
    const put = await api.request(`/api/v1/planning/queues/${queue.body.id}/volumes`, {
      method: 'PUT',
      token: manager,
      json: { intervals },
    });
    expect(put.status, put.text).toBe(200);

    const forecast = await api.request(
      `/api/v1/planning/queues/${queue.body.id}/forecast?weeks=1&historyWeeks=4&holdoutWeeks=1`,
      { token: manager },
    );
    expect(forecast.status, forecast.text).toBe(200);
    expect(forecast.body).toMatchObject({ from: today.date, available: true, historyIntervals: 4 * 336 });
    expect(forecast.body.wape.holtWinters).toBeCloseTo(0, 9);
    expect(forecast.body.wape.seasonalNaive).toBe(0);
    expect(forecast.body.heldOut).toHaveLength(336);
    expect(forecast.body.heldOut[20]).toMatchObject({
      actual: pattern(3 * 336 + 20),
      holtWinters: pattern(20),
    });
    // the week ahead repeats the pattern (history index 1344 + h is pattern(h))
    expect(forecast.body.intervals.map((p: { holtWinters: number }) => p.holtWinters).slice(0, 336)).toEqual(
      Array.from({ length: 336 }, (_, h) => pattern(h)),
    );
    expect(forecast.body.intervals[0]).toMatchObject({ actual: null, seasonalNaive: pattern(0) });

    const short = await api.request(
      `/api/v1/planning/queues/${queue.body.id}/forecast?historyWeeks=3&holdoutWeeks=2`,
      { token: manager },
    );
    expect(short.status).toBe(400);
    expect(short.body.error.details.field).toBe('historyWeeks');

    // tomorrow has no stored volume: the plan takes the forecast, agents as the what-if gives them
    const tomorrow = parisMidnight(1);
    const index = (tomorrow.start - historyFrom) / 1_800_000 + 22; // 11:00 Paris
    const calls = pattern(index);
    expect(calls).toBeGreaterThan(0);
    const plan = await api.request(`/api/v1/planning/capacity?date=${tomorrow.date}&groupBy=site`, {
      token: manager,
    });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body.forecastFrom).not.toBeNull();
    const group = plan.body.groups.find((g: { key: string }) => g.key === site.body.id);
    const whatIf = await api.request('/api/v1/planning/what-if', {
      method: 'POST',
      token: manager,
      json: { calls: [calls], ahtSeconds: 240, target, maxOccupancy: 0.9, shrinkage: 0.15 },
    });
    // no staffing report, so no absence: scheduled = on the phones / (1 − 0.15), rounded once
    expect(group.intervals[22].requiredAgents).toBe(
      Math.ceil(whatIf.body.intervals[0].requiredAgents / 0.85 - 1e-9),
    );
    expect(group.intervals[0].requiredAgents).toBe(0);
  });

  it('the demo seeds queues with a year of volumes, so the plan of the coming weeks is forecast', async () => {
    const queues = await api.request('/api/v1/planning/queues', { token: manager });
    const relation = queues.body.find((q: { name: string }) => q.name === 'Relation client');
    expect(relation.sites).toHaveLength(3);
    const forecast = await api.request(`/api/v1/planning/queues/${relation.id}/forecast`, { token: manager });
    expect(forecast.body).toMatchObject({ available: true, historyIntervals: 8 * 336, weeks: 2 });
    expect(forecast.body.wape.holtWinters).toBeLessThan(0.25);
    expect(forecast.body.wape.seasonalNaive).toBeLessThan(0.35);
    const plan = await api.request('/api/v1/planning/capacity?days=7&groupBy=partner', { token: manager });
    expect(plan.body.forecastFrom).not.toBeNull();
    const hours = plan.body.groups.reduce(
      (sum: number, g: { days: Array<{ scheduledAgentHours: number }> }) =>
        sum + g.days.reduce((s, d) => s + d.scheduledAgentHours, 0),
      0,
    );
    expect(hours).toBeGreaterThan(100);
  });
});

describe('outbound workload in the capacity plan', () => {
  let campaigns: CampaignsApi;

  beforeAll(async () => {
    campaigns = await startCampaignsApi(); // clock pinned: Monday 23 November 2026, 11:00 Paris
  });
  afterAll(() => campaigns?.api.close());

  const post = (path: string, json: unknown, token = campaigns.manager) =>
    campaigns.api.request(`/api/v1${path}`, { method: 'POST', token, json });
  /** A new Sittel site, so no other campaign's load lands on it. */
  const newSite = async (name: string) => {
    const site = await post(
      '/sites',
      {
        partnerId: campaigns.sittel.partnerId,
        name,
        city: 'Casablanca',
        country: 'MA',
        timeZone: 'Africa/Casablanca',
        installedSeats: 20,
        openedOn: '2020-01-06',
      },
      await campaigns.api.tokenFor('admin'),
    );
    expect(site.status, site.text).toBe(201);
    return site;
  };
  const outboundPlanOf = async (campaignId: string) => {
    const plans = await campaigns.api.request('/api/v1/planning/outbound', { token: campaigns.manager });
    expect(plans.status, plans.text).toBe(200);
    return plans.body.find((p: { campaignId: string }) => p.campaignId === campaignId);
  };

  it('turns contacts left, attempts and reach into agents per lawful interval until the end date, hand-computed', async () => {
    const { api, manager, partner } = campaigns;
    const site = await newSite('Sittel Outbound');
    const created = await post('/campaigns', {
      name: 'Obsèques relance',
      product: 'prevoyance-obseques',
      targetVolume: 40,
      callerNumber: '01 62 00 00 01',
      contractOffers: ['prevoyance', 'obseques'],
      allocationStrategy: 'proportional_capacity',
      endsAt: '2026-11-24T19:00:00Z', // Tuesday 20:00 Paris
      sites: [{ siteId: site.body.id, costPerHour: 14 }],
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    const upload = await api.request(`/api/v1/campaigns/${id}/contacts`, {
      method: 'POST',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body: csvOf(contactRows(40, 7000)),
    });
    await waitFor(
      () => api.request(`/api/v1/imports/${upload.body.id}`, { token: manager }),
      (response) => response.body.status === 'completed',
    );
    expect((await post(`/campaigns/${id}/launch`, {})).status).toBe(200);
    const lease = await post(`/sites/${site.body.id}/batches/lease`, { size: 4, campaignId: id }, partner);
    expect(lease.body.contacts).toHaveLength(4);
    const outcomes = ['sale', 'no_answer', 'no_answer', 'no_answer'].map((outcome, i) => ({
      contactId: lease.body.contacts[i].contactId,
      outcome,
    }));
    expect((await post(`/batches/${lease.body.id}/outcomes`, { outcomes }, partner)).status).toBe(200);
    const progress = await api.request(`/api/v1/campaigns/${id}/progress`, { token: manager });
    expect(progress.body).toMatchObject({ attempts: 4, reached: 1, contactsLeft: 39 });

    const plan = await outboundPlanOf(id);
    // no seat history of the campaign: both handle times are the assumed ones, and say so
    expect(plan.handleTimes).toMatchObject({
      historyDays: 28,
      intervals: 0,
      reached: { seconds: 420, talkSeconds: 330, wrapUpSeconds: 90, source: 'assumed', attempts: 0 },
      unreached: { seconds: 45, source: 'assumed', attempts: 0 },
    });
    // reach rate (1 + 1) / (4 + 3) = 2/7; attempts per contact (1 − (5/7)^4) / (2/7) = 1776/2401 × 7/2 = 2.588921
    expect(plan.reachRate).toBeCloseTo(2 / 7, 9);
    expect(plan.attemptsPerContact).toBeCloseTo(2.588921, 6);
    // 2/7 × 420 s + 5/7 × 45 s = 120 + 32.142857 = 152.142857 s per attempt
    expect(plan.secondsPerAttempt).toBeCloseTo(152.142857, 6);
    // 39 contacts × 2.588921 = 100.967930 calls; × 152.142857 s / 3,600 = 4.267097 h
    expect(plan.callsLeft).toBeCloseTo(100.96793, 5);
    expect(plan.workHours).toBeCloseTo(4.267097, 5);
    // lawful intervals from Monday 11:00: 11:00-13:00 (4) and 14:00-20:00 (12), Tuesday 10-13 (6) and 14-20 (12) = 34
    expect(plan).toMatchObject({
      lawfulIntervals: 34,
      overdue: false,
      finishesAt: null,
      firstInterval: '2026-11-23T10:00:00.000Z',
      lastInterval: '2026-11-24T18:30:00.000Z',
    });
    // 100.96793 / 34 = 2.969645 calls per interval; × 152.142857 / 1,800 / 0.85 = 0.295301 agents
    expect(plan.callsPerInterval).toBeCloseTo(2.969645, 5);
    expect(plan.agentsPerInterval).toBeCloseTo(0.295301, 5);
    expect(plan.sites).toEqual([
      { siteId: site.body.id, share: 1, agentsPerInterval: plan.agentsPerInterval },
    ]);
    expect(plan.calendars).toEqual([
      {
        calendar: 'FR',
        timeZone: 'Europe/Paris',
        contactsLeft: 39,
        lawfulIntervals: 34,
        agentsPerInterval: expect.closeTo(0.295301, 5),
      },
    ]);
    expect(plan.peakAgentsPerInterval).toBeCloseTo(0.295301, 5);

    // the plan of the site: ceil(0.295301 / (1 − 0.15)) = 1 agent in every lawful interval, none outside
    const capacity = await api.request('/api/v1/planning/capacity?date=2026-11-23&days=2&groupBy=site', {
      token: manager,
    });
    const group = capacity.body.groups.find((g: { key: string }) => g.key === site.body.id);
    const required = (utc: string) =>
      group.intervals.find((i: { start: string }) => i.start === utc).requiredAgents;
    expect(required('2026-11-23T10:00:00.000Z')).toBe(1); // Monday 11:00 Paris
    expect(required('2026-11-23T12:00:00.000Z')).toBe(0); // 13:00, the lunch break of the rules
    expect(required('2026-11-24T09:00:00.000Z')).toBe(1); // Tuesday 10:00
    expect(required('2026-11-24T19:00:00.000Z')).toBe(0); // 20:00, after the window and the end date
    expect(group.days.map((d: { scheduledAgentHours: number }) => d.scheduledAgentHours)).toEqual([
      // 16 intervals × 0.295301 / 0.85 × 0.5 h = 2.779 -> 2.8 (rounded up to a tenth); 18 -> 3.127 -> 3.2
      2.8, 3.2,
    ]);

    // billing takes the plan as the hours requested: 1 agent on the phones (ceil 0.295301) x 0.5 h per lawful interval
    const accepted = await post(`/billing/sites/${site.body.id}/requested-hours/from-plan`, {
      date: '2026-11-23',
      days: 2,
    });
    expect(accepted.status, accepted.text).toBe(201);
    expect(accepted.body).toEqual({ intervals: 34, versioned: 34, unchanged: 0 });
    const requested = await api.request(
      `/api/v1/billing/sites/${site.body.id}/requested-hours?date=2026-11-23`,
      { token: manager },
    );
    expect(requested.body).toHaveLength(16);
    expect(requested.body[0]).toMatchObject({
      start: '2026-11-23T10:00:00.000Z',
      hours: 0.5,
      version: 1,
      source: 'capacity_plan',
    });
    const again = await post(`/billing/sites/${site.body.id}/requested-hours/from-plan`, {
      date: '2026-11-23',
      days: 2,
    });
    expect(again.body).toEqual({ intervals: 34, versioned: 0, unchanged: 34 });
  });

  it("spreads each calendar's contacts over its consumers' own calling windows: Réunion is called from 07:00 Paris", async () => {
    const { api, manager } = campaigns;
    const site = await newSite('Sittel Outre-mer');
    const consent = 'consent,2026-01-10,WEB-1,,';
    const rows = [
      ...Array.from({ length: 20 }, (_, i) => `06 57 01 ${String(100 + i).slice(1)} 01,A,A,${consent},,`),
      ...Array.from(
        { length: 10 },
        (_, i) => `06 57 02 ${String(100 + i).slice(1)} 01,B,B,${consent},97490,`,
      ),
    ];
    const { id } = await runningCampaign(api, manager, rows, [site.body], {
      endsAt: '2026-11-24T19:00:00Z', // Tuesday 20:00 Paris, 23:00 Réunion
    });
    const plan = await outboundPlanOf(id);
    // no attempt yet: reach 1/3, (1 − (2/3)^4) × 3 = 2.407407 attempts, 1/3 × 420 + 2/3 × 45 = 170 s each
    expect(plan.secondsPerAttempt).toBeCloseTo(170, 9);
    // Paris (UTC+1) from Monday 11:00: 4 + 12 intervals, Tuesday 18: 34
    // Réunion (UTC+4, 14:00 there at 11:00 Paris): Monday 14-20 (12), Tuesday 10-13 and 14-20 (18): 30
    // 20 × 2.407407 × 170 s / 34 / (1,800 × 0.85) = 0.157347; 10 × 2.407407 × 170 / 30 / 1,530 = 0.089163
    expect(plan.calendars).toEqual([
      {
        calendar: 'FR',
        timeZone: 'Europe/Paris',
        contactsLeft: 20,
        lawfulIntervals: 34,
        agentsPerInterval: expect.closeTo(0.157347, 5),
      },
      {
        calendar: 'RE',
        timeZone: 'Indian/Reunion',
        contactsLeft: 10,
        lawfulIntervals: 30,
        agentsPerInterval: expect.closeTo(0.089163, 5),
      },
    ]);
    // either open: Monday 11:00-20:00 Paris (18), Tuesday 07:00-20:00 (26)
    expect(plan).toMatchObject({
      lawfulIntervals: 44,
      firstInterval: '2026-11-23T10:00:00.000Z',
      lastInterval: '2026-11-24T18:30:00.000Z',
      overdue: false,
    });
    expect(plan.peakAgentsPerInterval).toBeCloseTo(0.157347 + 0.089163, 5);

    const capacity = await api.request('/api/v1/planning/capacity?date=2026-11-23&days=2&groupBy=site', {
      token: manager,
    });
    const group = capacity.body.groups.find((g: { key: string }) => g.key === site.body.id);
    const required = (utc: string) =>
      group.intervals.find((i: { start: string }) => i.start === utc).requiredAgents;
    expect(required('2026-11-24T05:30:00.000Z')).toBe(0); // 06:30 Paris, 09:30 Réunion
    expect(required('2026-11-24T06:00:00.000Z')).toBe(1); // 07:00 Paris, 10:00 Réunion
    expect(required('2026-11-23T12:30:00.000Z')).toBe(1); // 13:30 Paris (the rules' break), 16:30 Réunion
    expect(required('2026-11-23T15:30:00.000Z')).toBe(1); // 16:30 Paris
    expect(required('2026-11-23T16:30:00.000Z')).toBe(1); // 17:30 Paris, 20:30 Réunion: Paris alone
  });

  it("measures the campaign's handle times from its seats' minute history and its outcomes, and plans with them", async () => {
    const { api, manager, partner, sittel, setClock } = campaigns;
    const rollup = api.app.get(OccupancyRollup);
    const { id } = await runningCampaign(
      api,
      manager,
      Array.from(
        { length: 80 },
        (_, i) => `06 58 01 ${String(100 + i).slice(1)} 01,A,A,consent,2026-01-10,WEB-1,,,,`,
      ),
      [sittel],
      { endsAt: '2026-11-27T19:00:00Z' },
    );
    const seats = sittel.seats;
    // one 30-minute interval: the seats' states, sampled every minute, then a lease and its outcomes
    const interval = async (
      start: string,
      states: { onCall: number; wrapUp: number; available: number },
      reached: number,
      missed: number,
    ) => {
      const at = Date.parse(start);
      setClock(new Date(at));
      const state = (i: number): SeatState =>
        i < states.onCall
          ? 'on_call'
          : i < states.onCall + states.wrapUp
            ? 'wrap_up'
            : i < states.onCall + states.wrapUp + states.available
              ? 'available'
              : 'offline';
      const events = seats
        .slice(0, 10)
        .map((seatId, i) => ({ seatId, state: state(i), campaignId: id, at: start }));
      expect((await postSeatEvents(api, sittel.id, events, partner)).status).toBe(200);
      for (let minute = 0; minute < 30; minute++) await rollup.rollup(new Date(at + minute * 60_000));
      const lease = await post(
        `/sites/${sittel.id}/batches/lease`,
        { size: reached + missed, campaignId: id },
        partner,
      );
      expect(lease.body.contacts).toHaveLength(reached + missed);
      setClock(new Date(at + 10 * 60_000));
      const outcomes = lease.body.contacts.map((contact: { contactId: string }, i: number) => ({
        contactId: contact.contactId,
        outcome: i < reached ? (i % 3 ? 'reached' : 'sale') : i % 2 ? 'no_answer' : 'wrong_number',
        at: new Date(at + 5 * 60_000).toISOString(),
      }));
      expect((await post(`/batches/${lease.body.id}/outcomes`, { outcomes }, partner)).status).toBe(200);
    };
    try {
      // 10:00-10:30 UTC: 30 reached and 10 not; 5 seats on a call, 2 in wrap-up, 1 available
      await interval('2026-11-23T10:00:00.000Z', { onCall: 5, wrapUp: 2, available: 1 }, 30, 10);
      // 10:30-11:00 UTC: 10 reached and 30 not; 3 seats on a call, 1 in wrap-up, 4 available
      await interval('2026-11-23T10:30:00.000Z', { onCall: 3, wrapUp: 1, available: 4 }, 10, 30);
      setClock(new Date('2026-11-23T11:00:00.000Z'));
      const plan = await outboundPlanOf(id);
      // what the seats and the outcomes say, fitted as the domain fits it (its hand-computed cases in tests/unit)
      const samples: HandleSample[] = [
        { talkMinutes: 150, wrapUpMinutes: 60, sampledMinutes: 30, reached: 30, unreached: 10 },
        { talkMinutes: 90, wrapUpMinutes: 30, sampledMinutes: 30, reached: 10, unreached: 30 },
      ];
      const expected = measureHandleTimes(samples);
      expect(plan.handleTimes).toEqual({
        historyDays: 28,
        minMeasuredAttempts: 30,
        intervals: 2,
        busySeatMinutes: 330,
        reached: { ...expected.reached, source: 'measured', attempts: 40 },
        unreached: { ...expected.unreached, source: 'measured', attempts: 40 },
      });
      // least squares alone would give 270 s + 112.5 s and 90 s + 22.5 s: the prior (420 s, 45 s) weighs 5 attempts
      expect(plan.handleTimes.reached.seconds).toBeGreaterThan(382.5);
      expect(plan.handleTimes.reached.seconds).toBeLessThan(420);
      expect(plan.handleTimes.unreached.seconds).toBeGreaterThan(45);
      expect(plan.handleTimes.unreached.seconds).toBeLessThan(112.5);
      // and the plan runs on them: reach (40 + 1) / (80 + 3) per attempt
      const reach = 41 / 83;
      expect(plan.reachRate).toBeCloseTo(reach, 9);
      expect(plan.secondsPerAttempt).toBeCloseTo(
        reach * expected.reached.seconds + (1 - reach) * expected.unreached.seconds,
        9,
      );
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });
});
