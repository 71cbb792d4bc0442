import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    sites = (await api.request('/api/v1/sites?limit=200', { token: admin })).body.items;
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
    const stored = await api.request(`/api/v1/planning/queues/${queueId}/volumes?date=${DAY}`, {
      token: manager,
    });
    expect(stored.body).toHaveLength(48);
    expect(stored.body[20].calls).toBe(240);
    expect(stored.body[21].calls).toBe(120);
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
    const total = byCountry.body.groups.reduce(
      (sum: number, g: { intervals: Array<{ requiredAgents: number }> }) =>
        sum + g.intervals[20].requiredAgents,
      0,
    );
    expect(total).toBeLessThanOrEqual(one.intervals[20].requiredAgents + two.intervals[20].requiredAgents);
    expect(total).toBeGreaterThanOrEqual(
      one.intervals[20].requiredAgents + two.intervals[20].requiredAgents - 1,
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
