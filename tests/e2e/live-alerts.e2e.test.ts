import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '#contracts';
import { Clock } from '#core';
import { CALLING_ZONE, isCallingTime, LIVE_ALERT_KINDS, LiveAlerts } from '#live';
import {
  connectLive,
  type DemoSite,
  demoNetwork,
  isoAgo,
  type LiveClient,
  postSeatEvents,
  subscribe,
} from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** The next working day's 11:00 in Paris at least `afterMs` from now: inside the French calling day. */
function nextCallingMorning(afterMs: number): Date {
  let day = DateTime.fromMillis(Date.now() + afterMs, { zone: CALLING_ZONE })
    .plus({ days: 1 })
    .set({ hour: 11, minute: 0 });
  while (!isCallingTime(day.toJSDate())) day = day.plus({ days: 1 });
  return day.toJSDate();
}

describe('live alerts', () => {
  let api: TestApi;
  let admin: string;
  let partner: string;
  let sittel: DemoSite;
  let socket: LiveClient;
  const opened: AlertEvent[] = [];
  const resolved: AlertEvent[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    [admin, partner] = await Promise.all([api.tokenFor('admin'), api.tokenFor('partner')]);
    sittel = (await demoNetwork(api)).siteOf('Sittel');
    socket = await connectLive(api.baseUrl, { token: partner });
    expect((await subscribe(socket, { scope: 'site', id: sittel.id })).ok).toBe(true);
    socket.on('alert.opened', (alert) => opened.push(alert));
    socket.on('alert.resolved', (alert) => resolved.push(alert));
  });
  afterAll(async () => {
    socket?.close();
    await api?.close();
  });

  const alertsOf = async (kind: string) =>
    (await api.request(`/api/v1/alerts?status=open&kind=${kind}&siteId=${sittel.id}`, { token: admin })).body
      .items as Array<{
      message: string;
    }>;

  it('raises "seats below plan" when staffed seats fall under the plan, and resolves it when they recover', async () => {
    const at = nextCallingMorning(0);
    const month = DateTime.fromJSDate(at, { zone: 'UTC' }).toFormat('yyyy-MM');
    const plan = await api.request(`/api/v1/sites/${sittel.id}/plans/${month}`, {
      method: 'PUT',
      token: admin,
      json: { headcount: 50 },
    });
    expect(plan.status, plan.text).toBe(200);
    const staff = (count: number, state: 'on_call' | 'offline') =>
      postSeatEvents(
        api,
        sittel.id,
        sittel.seats.slice(0, count).map((seatId) => ({ seatId, state, at: isoAgo(1) })),
        partner,
      );
    await staff(10, 'on_call');

    const alerts = api.app.get(LiveAlerts);
    expect(await alerts.check(at)).toMatchObject({ [LIVE_ALERT_KINDS.belowPlan]: 1 });
    const [open] = await alertsOf(LIVE_ALERT_KINDS.belowPlan);
    // seats against seats: the 50 planned people are 50 expected seats (the site has more)
    expect(open.message).toContain(
      '10 of 50 expected seats staffed (20%), below 40 seats (80%); clears at 45 seats',
    );
    await alerts.check(at); // idempotent while open
    expect(await alertsOf(LIVE_ALERT_KINDS.belowPlan)).toHaveLength(1);
    await expect.poll(() => opened.filter((a) => a.kind === LIVE_ALERT_KINDS.belowPlan)).toHaveLength(1);

    // hysteresis: back over the raise threshold (40) but under the clearing one (45): stays open,
    // however often it is checked; and the login grace after a break neither resolves nor raises
    await staff(42, 'on_call');
    for (let check = 0; check < 3; check++) await alerts.check(at);
    const grace = DateTime.fromJSDate(at, { zone: CALLING_ZONE }).set({ hour: 14, minute: 5 }).toJSDate();
    await alerts.check(grace);
    expect(await alertsOf(LIVE_ALERT_KINDS.belowPlan)).toHaveLength(1);
    expect(resolved.filter((a) => a.kind === LIVE_ALERT_KINDS.belowPlan)).toHaveLength(0);

    await staff(45, 'on_call');
    await alerts.check(at);
    expect(await alertsOf(LIVE_ALERT_KINDS.belowPlan)).toHaveLength(0);
    await expect.poll(() => resolved.filter((a) => a.kind === LIVE_ALERT_KINDS.belowPlan)).toHaveLength(1);
  });

  it('raises "feed silent" when a staffed site stops reporting during calling hours, not outside them', async () => {
    const alerts = api.app.get(LiveAlerts);
    const silentAt = nextCallingMorning(10 * 60_000);
    const result = await alerts.check(silentAt);
    expect(result[LIVE_ALERT_KINDS.feedSilent]).toBeGreaterThanOrEqual(1);
    expect((await alertsOf(LIVE_ALERT_KINDS.feedSilent))[0].message).toMatch(/no seat state received since/);
    // the feed speaks again a minute before the same calling-time check: nothing silent any more
    const clock = api.app.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(silentAt.getTime() - 60_000);
    try {
      await postSeatEvents(
        api,
        sittel.id,
        [{ seatId: sittel.seats[0], state: 'available', at: isoAgo(1) }],
        partner,
      );
    } finally {
      clock.now = realNow;
    }
    expect(await alerts.check(silentAt)).toMatchObject({ [LIVE_ALERT_KINDS.feedSilent]: 0 });
    expect(await alertsOf(LIVE_ALERT_KINDS.feedSilent)).toHaveLength(0);
    await expect.poll(() => resolved.filter((a) => a.kind === LIVE_ALERT_KINDS.feedSilent)).toHaveLength(1);
    // at night nothing is raised
    const night = DateTime.fromJSDate(silentAt, { zone: CALLING_ZONE }).set({ hour: 23 }).toJSDate();
    expect(await alerts.check(night)).toEqual({
      [LIVE_ALERT_KINDS.feedSilent]: 0,
      [LIVE_ALERT_KINDS.belowPlan]: 0,
      [LIVE_ALERT_KINDS.belowAllocation]: 0,
    });
  });

  it('raises "seats below allocation" for a site staffing less than its share of a running campaign', async () => {
    const network = await demoNetwork(api);
    const webhelp = network.siteOf('Webhelp');
    const dataSource = api.app.get(DataSource);
    const [{ id: campaignId }] = await dataSource.query(
      `INSERT INTO campaign (name, product, status, target_volume, caller_number, allocation_strategy)
       VALUES ('Prévoyance printemps', 'prevoyance', 'running', 10000, '+33100000000', 'weighted') RETURNING id`,
    );
    await dataSource.query(
      `INSERT INTO campaign_site (campaign_id, site_id, share) VALUES ($1, $2, 0.5), ($1, $3, 0.5)`,
      [campaignId, sittel.id, webhelp.id],
    );
    const onCampaign = async (site: DemoSite, count: number, token: string) => {
      const events = site.seats
        .slice(20, 20 + count)
        .map((seatId) => ({ seatId, state: 'on_call' as const, campaignId, at: isoAgo(1) }));
      const response = await postSeatEvents(api, site.id, events, token);
      expect(response.status, response.text).toBe(200);
    };
    await onCampaign(sittel, 20, partner);
    await onCampaign(webhelp, 2, await api.tokenFor('partner2'));

    const alerts = api.app.get(LiveAlerts);
    expect(await alerts.check(nextCallingMorning(0))).toMatchObject({
      [LIVE_ALERT_KINDS.belowAllocation]: 1,
    });
    const open = (
      await api.request(`/api/v1/alerts?status=open&kind=${LIVE_ALERT_KINDS.belowAllocation}`, {
        token: admin,
      })
    ).body.items;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ siteId: webhelp.id });
    expect(open[0].message).toContain('2 seats on campaign "Prévoyance printemps", below 8');

    // 15 of 35: over the raise threshold (14) but under the clearing one (16): still open
    await onCampaign(webhelp, 15, await api.tokenFor('partner2'));
    expect(await alerts.check(nextCallingMorning(0))).toMatchObject({
      [LIVE_ALERT_KINDS.belowAllocation]: 1,
    });
    // 17 of 37: at 90 % of its share (17), resolved
    await onCampaign(webhelp, 17, await api.tokenFor('partner2'));
    expect(await alerts.check(nextCallingMorning(0))).toMatchObject({
      [LIVE_ALERT_KINDS.belowAllocation]: 0,
    });
    expect(
      (
        await api.request(`/api/v1/alerts?status=open&kind=${LIVE_ALERT_KINDS.belowAllocation}`, {
          token: admin,
        })
      ).body.items,
    ).toEqual([]);
  });
});
