import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityView } from '#contracts';
import { ActivityRollup } from '#wallboard';
import {
  connectLive,
  demoNetwork,
  type DemoSite,
  type LiveClient,
  postSeatEvents,
  subscribe,
} from '../support/live.js';
import { contactRows, csvOf, pinClock, waitFor } from '../support/campaigns.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** Monday 23 November 2026, 17:00 in Paris (16:00 UTC): metropolitan consumers may be called, Réunion's (20:00) not. */
const T = DateTime.fromISO('2026-11-23T17:00', { zone: 'Europe/Paris' }).toJSDate();
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const WEEK = 7 * 24 * 60;

/**
 * Issue 22: activity figures against a seeded history, every expected value computed by hand.
 *
 * Campaign A (Sittel's site): a sale a week ago (T-7d-30m); two reached calls at T-90m; six calls at
 * T-19m..T-14m: sale, reached, no_answer, no_answer, refused, wrong_number (reached = sale, reached,
 * refused). Two Réunion consumers imported at T wait outside their calling hours.
 * Campaign B (Webhelp's site): no_answer and reached at T-10m.
 * Seats sampled at T-3m, T-2m, T-1m and T: Sittel 2 on call, 1 wrap-up, 1 available (campaign A);
 * Webhelp 1 available (campaign B).
 */
describe('live activity per scope from outcomes and seat states', () => {
  let api: TestApi;
  let manager: string;
  let partner: string;
  let partner2: string;
  let sittel: DemoSite;
  let webhelp: DemoSite;
  let setClock: (next: Date) => void;
  let campaignA: string;
  let campaignB: string;
  const sockets: LiveClient[] = [];

  const post = (path: string, json: unknown, token = manager) =>
    api.request(`/api/v1${path}`, { method: 'POST', token, json });
  const get = (path: string, token = manager) => api.request(`/api/v1${path}`, { token });

  async function campaignOf(name: string, site: DemoSite, rows: string[]): Promise<string> {
    const created = await post('/campaigns', {
      name,
      product: 'prevoyance-obseques',
      targetVolume: 1000,
      callerNumber: '01 62 00 00 01',
      contractOffers: ['prevoyance', 'obseques'],
      allocationStrategy: 'proportional_capacity',
      sites: [{ siteId: site.id }],
    });
    expect(created.status, created.text).toBe(201);
    await importRows(created.body.id, rows);
    expect((await post(`/campaigns/${created.body.id}/launch`, {})).status).toBe(200);
    return created.body.id;
  }
  async function importRows(campaignId: string, rows: string[]) {
    const started = await api.request(`/api/v1/campaigns/${campaignId}/contacts`, {
      method: 'POST',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body: csvOf(rows),
    });
    expect(started.status, started.text).toBe(202);
    await waitFor(
      () => get(`/imports/${started.body.id}`),
      (response) => response.body.status === 'completed',
    );
  }
  /** leases `outcomes.length` contacts of the campaign at `leaseAt`, reports them at the given minutes */
  async function calls(
    site: DemoSite,
    token: string,
    campaignId: string,
    leaseAt: number,
    outcomes: Array<[string, number]>,
  ) {
    setClock(at(leaseAt));
    const lease = await post(
      `/sites/${site.id}/batches/lease`,
      { campaignId, size: outcomes.length, ttlSeconds: 3600 },
      token,
    );
    expect(lease.status, lease.text).toBe(200);
    expect(lease.body.contacts).toHaveLength(outcomes.length);
    setClock(at(Math.max(...outcomes.map(([, minute]) => minute)) + 1));
    const reported = await post(
      `/batches/${lease.body.id}/outcomes`,
      {
        outcomes: lease.body.contacts.map((contact: { contactId: string }, index: number) => ({
          contactId: contact.contactId,
          outcome: outcomes[index][0],
          at: at(outcomes[index][1]).toISOString(),
        })),
      },
      token,
    );
    expect(reported.status, reported.text).toBe(200);
  }
  const activity = async (scope: string, id?: string, token = manager): Promise<ActivityView> => {
    const response = await get(`/live/activity?scope=${scope}${id ? `&id=${id}` : ''}`, token);
    expect(response.status, response.text).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    api = await startTestApi({ PROCESS_JOBS_IN_API: 'true' });
    setClock = pinClock(api.app, at(-WEEK - 60));
    [manager, partner, partner2] = await Promise.all([
      api.tokenFor('manager'),
      api.tokenFor('partner'),
      api.tokenFor('partner2'),
    ]);
    const network = await demoNetwork(api);
    sittel = network.siteOf('Sittel');
    webhelp = network.siteOf('Webhelp');
    campaignA = await campaignOf(`Activité A ${Date.now()}`, sittel, contactRows(9, 100));
    campaignB = await campaignOf(`Activité B ${Date.now()}`, webhelp, contactRows(2, 200));
    await calls(sittel, partner, campaignA, -WEEK - 31, [['sale', -WEEK - 30]]);
    await calls(sittel, partner, campaignA, -91, [
      ['reached', -90],
      ['callback', -90],
    ]);
    await calls(sittel, partner, campaignA, -20, [
      ['sale', -19],
      ['reached', -18],
      ['no_answer', -17],
      ['no_answer', -16],
      ['refused', -15],
      ['wrong_number', -14],
    ]);
    await calls(webhelp, partner2, campaignB, -12, [
      ['no_answer', -10],
      ['reached', -10],
    ]);
    // the clock stays at T from here: a scheduled rollup (every minute of real time) can only
    // sample minute T again, with the same seats
    setClock(T);
    const seat = (seatId: string, state: string, campaignId: string) => ({
      seatId,
      state,
      campaignId,
      at: at(-5).toISOString(),
    });
    const [s1, s2, s3, s4] = sittel.seats;
    expect(
      (
        await postSeatEvents(
          api,
          sittel.id,
          [
            seat(s1, 'on_call', campaignA),
            seat(s2, 'on_call', campaignA),
            seat(s3, 'wrap_up', campaignA),
            seat(s4, 'available', campaignA),
          ] as never,
          partner,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await postSeatEvents(
          api,
          webhelp.id,
          [seat(webhelp.seats[0], 'available', campaignB)] as never,
          partner2,
        )
      ).status,
    ).toBe(200);
    const rollup = api.app.get(ActivityRollup);
    for (const minute of [-3, -2, -1, 0]) await rollup.sample(at(minute));
    // two Réunion consumers (20:00 there): held back by the calling hours
    await importRows(campaignA, [
      '0692 11 22 33,R,R,consent,2026-01-10,WEB-R1,,',
      '0692 11 22 34,S,S,consent,2026-01-10,WEB-R2,,',
    ]);
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await api?.close();
  });

  it('computes the network’s last hour, the hour before and the same hour last week', async () => {
    const view = await activity('network');
    expect(view.lastHour).toEqual({
      from: at(-59).toISOString(),
      to: at(1).toISOString(),
      attempts: 8,
      attemptsPerHour: 8,
      reached: 4,
      sales: 1,
      reachRate: 0.5,
      conversion: 0.25,
      talkMinutes: 8,
      wrapMinutes: 4,
      handleSeconds: 90, // (8 + 4) seat-minutes × 60 / 8 attempts
      occupancy: 0.6, // 12 busy of 20 open seat-minutes
      staffedSeats: 0.33, // (4 + 1) seats × 4 minutes / 60
      lostToRules: { outsideHours: 2, attemptsUsed: 0, other: 0 },
    });
    expect(view.previousHour).toMatchObject({
      attempts: 2,
      reached: 2,
      sales: 0,
      reachRate: 1,
      lostToRules: null,
    });
    expect(view.lastWeek).toMatchObject({
      from: at(-WEEK - 59).toISOString(),
      attempts: 1,
      reached: 1,
      sales: 1,
      conversion: 1,
      handleSeconds: 0,
    });
    const { trend } = view;
    expect(trend.from).toBe(at(-119).toISOString());
    for (const series of [trend.attempts, trend.reached, trend.sales, trend.staffed, trend.occupancy])
      expect(series).toHaveLength(120);
    const minute = (offset: number) => 119 + offset; // index of the minute `offset` minutes from T
    expect(trend.attempts.reduce((sum, attempts) => sum + attempts, 0)).toBe(10);
    expect([trend.attempts[minute(-90)], trend.reached[minute(-90)]]).toEqual([2, 2]);
    expect({
      attempts: trend.attempts[minute(-2)],
      reached: trend.reached[minute(-2)],
      sales: trend.sales[minute(-2)],
      staffed: trend.staffed[minute(-2)],
      occupancy: trend.occupancy[minute(-2)],
    }).toEqual({ attempts: 0, reached: 0, sales: 0, staffed: 5, occupancy: 0.6 });
  });

  it('cuts a site, a partner and a campaign out of the same history', async () => {
    const site = await activity('site', sittel.id);
    expect(site.lastHour).toMatchObject({
      attempts: 6,
      reached: 3,
      sales: 1,
      reachRate: 0.5,
      conversion: 0.3333,
      handleSeconds: 120, // 12 seat-minutes × 60 / 6
      occupancy: 0.75,
      lostToRules: { outsideHours: 2, attemptsUsed: 0, other: 0 },
    });
    expect((await activity('campaign', campaignA)).lastHour).toMatchObject({
      attempts: 6,
      handleSeconds: 120,
      occupancy: 0.75,
      lostToRules: { outsideHours: 2, attemptsUsed: 0, other: 0 },
    });
    const webhelpPartner = await activity('partner', webhelp.partnerId, partner2);
    expect(webhelpPartner.lastHour).toMatchObject({
      attempts: 2,
      reached: 1,
      sales: 0,
      reachRate: 0.5,
      conversion: 0,
      handleSeconds: 0,
      occupancy: 0,
      lostToRules: { outsideHours: 0, attemptsUsed: 0, other: 0 },
    });
    expect(webhelpPartner.previousHour.attempts).toBe(0);
  });

  it('keeps partners to their own activity', async () => {
    expect((await get(`/live/activity?scope=partner&id=${sittel.partnerId}`, partner2)).status).toBe(404);
    expect((await get('/live/activity?scope=network', partner2)).status).toBe(403);
    expect((await get(`/live/activity?scope=site&id=${sittel.id}`, partner2)).status).toBe(404);
    expect((await get('/live/activity?scope=galaxy', manager)).status).toBe(400);
  });

  it('publishes the same figures as a typed, coalesced activity.changed event to the scope’s room', async () => {
    const socket = await connectLive(api.baseUrl, { token: manager });
    sockets.push(socket);
    expect((await subscribe(socket, { scope: 'site', id: sittel.id })).ok).toBe(true);
    const received: ActivityView[] = [];
    socket.on('activity.changed', (view) => received.push(view));
    // the scheduled rollup may have sent this room its figures already: move one seat so they change
    const moved = await postSeatEvents(
      api,
      sittel.id,
      [{ seatId: sittel.seats[3], state: 'wrap_up', campaignId: campaignA, at: T.toISOString() }] as never,
      partner,
    );
    expect(moved.status).toBe(200);
    await api.app.get(ActivityRollup).run(at(0));
    await waitFor(
      async () => received,
      (views) => views.some((view) => view.scope === 'site'),
    );
    const view = received.find((entry) => entry.scope === 'site')!;
    expect(view.id).toBe(sittel.id);
    expect(view.lastHour).toMatchObject({ attempts: 6, reached: 3, handleSeconds: expect.any(Number) });
    // the network and other sites' rooms are not this socket's: only its site's event arrives
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.every((entry) => entry.scope === 'site' && entry.id === sittel.id)).toBe(true);

    // the same minute sampled again with nothing changed: the room is not sent the same figures twice
    const sent = received.length;
    await api.app.get(ActivityRollup).run(at(0));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(received).toHaveLength(sent);
  });
});
