import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityView } from '#contracts';
import { ActivityRollup } from '#wallboard';
import { contractBody } from '../support/billing.js';
import { pinClock, waitFor } from '../support/campaigns.js';
import { connectLive, type LiveClient, postSeatEvents, subscribe } from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * Sunday 22 November 2026, 10:10 in Paris and Casablanca (both UTC+1 then; 09:10 UTC). On a
 * Sunday the demo queues' volumes are all zero and no campaign may call, so the plan's need comes
 * from this file's two queues alone.
 */
const T = DateTime.fromISO('2026-11-22T10:10', { zone: 'Europe/Paris' }).toJSDate();
const utc = (time: string) => `2026-11-22T${time}:00.000Z`;

/**
 * Issue 22: agents the capacity plan needs against agents live, and delivered against requested
 * hours today so far, per site, partner and network, every expected value computed by hand.
 *
 * A new partner with site A (Paris, 4 seats) and site B (Casablanca, 2 seats). Queues of 180 s
 * calls, service level 40 % in 20 s, occupancy at most 60 %, one per site, in the interval
 * 09:00–09:30 UTC: A 10 calls (1 erlang: 2 agents on the phones, the occupancy cap), B 5 calls
 * (0.5 erlang: 1 agent; its service level 1 − 0.5·e^(−0.5·20/180) = 0.53). At their seats with
 * the plan's 15 % in-shift shrinkage: A 2/0.85 = 2.353 → 3, B 1/0.85 = 1.176 → 2, the partner
 * 3.529 → 4 (rounded once, not 3 + 2). Live: A on call, available, paused, offline = 3; B wrap-up = 1.
 *
 * The partner's contract bills on call and wrap-up. Minute history today: A 08:00–08:59 UTC on
 * call 2, wrap-up 1, available 1, paused 1 (3 billable × 60 = 180 seat-minutes), 09:00–09:09 on
 * call 1, available 2 (10); yesterday 22:30–22:59 on call 4 (another day). B 08:30–08:59 on call
 * 1, wrap-up 1 (60). Delivered: A 190/60 = 3.1667 h, B 1 h. Requested: A 08:00 2 h, 08:30 1.5 h,
 * 09:00 3 h (10 of its 30 minutes gone: 1 h), 09:30 4 h (not begun), yesterday 22:30 5 h
 * (another day): 4.5 h; B 09:00 1.5 h → 0.5 h.
 */
describe('agents planned against live and hours delivered against requested, today so far', () => {
  let api: TestApi;
  let admin: string;
  let manager: string;
  let partnerId: string;
  let siteA: string;
  let siteB: string;
  const sockets: LiveClient[] = [];

  const get = (path: string, token = manager) => api.request(`/api/v1${path}`, { token });
  const send = (method: string, path: string, json: unknown, token = manager) =>
    api.request(`/api/v1${path}`, { method, token, json });
  const activity = async (scope: string, id?: string): Promise<ActivityView> => {
    const response = await get(`/live/activity?scope=${scope}${id ? `&id=${id}` : ''}`);
    expect(response.status, response.text).toBe(200);
    return response.body;
  };

  async function site(
    name: string,
    timeZone: string,
    seats: number,
  ): Promise<{ id: string; seats: string[] }> {
    const created = await send(
      'POST',
      '/sites',
      {
        partnerId,
        name,
        city: name,
        country: timeZone === 'Europe/Paris' ? 'FR' : 'MA',
        timeZone,
        installedSeats: seats,
        openedOn: '2020-01-06',
      },
      admin,
    );
    expect(created.status, created.text).toBe(201);
    const labels = Array.from({ length: seats }, (_, index) => `${name}-${index + 1}`);
    const added = await send('POST', `/sites/${created.body.id}/seats`, { labels }, admin);
    expect(added.status, added.text).toBe(201);
    return { id: created.body.id, seats: added.body.map((seat: { id: string }) => seat.id) };
  }

  async function queue(name: string, siteId: string, calls: number) {
    const created = await send('POST', '/planning/queues', {
      name,
      ahtSeconds: 180,
      target: { kind: 'service_level', seconds: 20, level: 0.4 },
      maxOccupancy: 0.6,
      sites: [{ siteId, share: 1 }],
    });
    expect(created.status, created.text).toBe(201);
    const volumes = await send('PUT', `/planning/queues/${created.body.id}/volumes`, {
      intervals: [{ start: utc('09:00'), calls }],
    });
    expect(volumes.status, volumes.text).toBe(200);
  }

  async function minutes(siteId: string, from: string, count: number, states: Record<string, number>) {
    const { onCall = 0, wrapUp = 0, available = 0, paused = 0 } = states;
    await api.app.get(DataSource).query(
      `INSERT INTO live_site_minute (site_id, minute, seats, offline, available, on_call, wrap_up, paused, staffed)
       SELECT $1, $2::timestamptz + make_interval(mins => m), 4, 0, $4::int, $5::int, $6::int, $7::int,
              $4::int + $5::int + $6::int + $7::int
         FROM generate_series(0, $3::int - 1) AS m`,
      [siteId, from, count, available, onCall, wrapUp, paused],
    );
  }

  beforeAll(async () => {
    api = await startTestApi();
    pinClock(api.app, T);
    [admin, manager] = await Promise.all([api.tokenFor('admin'), api.tokenFor('manager')]);
    const partner = await send(
      'POST',
      '/partners',
      { name: `Capacité ${Date.now()}`, kind: 'outsourcer' },
      admin,
    );
    expect(partner.status, partner.text).toBe(201);
    partnerId = partner.body.id;
    const a = await site(`Cap A ${Date.now()}`, 'Europe/Paris', 4);
    const b = await site(`Cap B ${Date.now()}`, 'Africa/Casablanca', 2);
    [siteA, siteB] = [a.id, b.id];
    await queue(`Capacité A ${Date.now()}`, siteA, 10);
    await queue(`Capacité B ${Date.now()}`, siteB, 5);

    const at = new Date(T.getTime() - 5 * 60_000).toISOString();
    const states = ['on_call', 'available', 'paused', 'offline'];
    expect(
      (
        await postSeatEvents(
          api,
          siteA,
          a.seats.map((seatId, i) => ({ seatId, state: states[i], at })) as never,
          admin,
        )
      ).status,
    ).toBe(200);
    expect(
      (await postSeatEvents(api, siteB, [{ seatId: b.seats[0], state: 'wrap_up', at }] as never, admin))
        .status,
    ).toBe(200);

    const contract = await send('POST', '/billing/contracts', {
      ...contractBody(partnerId, `Capacité ${Date.now()}`),
      billableStates: ['on_call', 'wrap_up'],
    });
    expect(contract.status, contract.text).toBe(201);
    await minutes(siteA, '2026-11-21T22:30:00Z', 30, { onCall: 4 });
    await minutes(siteA, utc('08:00'), 60, { onCall: 2, wrapUp: 1, available: 1, paused: 1 });
    await minutes(siteA, utc('09:00'), 10, { onCall: 1, available: 2 });
    await minutes(siteB, utc('08:30'), 30, { onCall: 1, wrapUp: 1 });
    const requested = (siteId: string, intervals: Array<[string, number]>) =>
      send('PUT', `/billing/sites/${siteId}/requested-hours`, {
        intervals: intervals.map(([start, hours]) => ({ start, hours })),
      });
    expect(
      (
        await requested(siteA, [
          ['2026-11-21T22:30:00Z', 5],
          [utc('08:00'), 2],
          [utc('08:30'), 1.5],
          [utc('09:00'), 3],
          [utc('09:30'), 4],
        ])
      ).status,
    ).toBe(200);
    expect((await requested(siteB, [[utc('09:00'), 1.5]])).status).toBe(200);
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await api?.close();
  });

  it('gives each site its plan’s need at the seats now against its live seats', async () => {
    const a = await activity('site', siteA);
    expect(a.agents).toEqual({ interval: utc('09:00'), required: 3, live: 3, gap: 0 });
    const b = await activity('site', siteB);
    expect(b.agents).toEqual({ interval: utc('09:00'), required: 2, live: 1, gap: -1 });
  });

  it('rounds a partner’s and the network’s need once, on their total', async () => {
    expect((await activity('partner', partnerId)).agents).toEqual({
      interval: utc('09:00'),
      required: 4,
      live: 4,
      gap: 0,
    });
    expect((await activity('network')).agents).toEqual({
      interval: utc('09:00'),
      required: 4,
      live: 4,
      gap: 0,
    });
  });

  it('sets productive hours delivered against hours requested so far, each site on its own day', async () => {
    const to = utc('09:10');
    expect((await activity('site', siteA)).hoursToday).toEqual({
      requested: 4.5,
      delivered: 3.1667,
      ratio: 0.7037,
      to,
    });
    expect((await activity('site', siteB)).hoursToday).toEqual({
      requested: 0.5,
      delivered: 1,
      ratio: 2,
      to,
    });
    const partner = { requested: 5, delivered: 4.1667, ratio: 0.8333, to };
    expect((await activity('partner', partnerId)).hoursToday).toEqual(partner);
    expect((await activity('network')).hoursToday).toEqual(partner);
  });

  it('has neither for a campaign', async () => {
    const view = await activity('campaign', randomUUID());
    expect(view.agents).toBeNull();
    expect(view.hoursToday).toBeNull();
  });

  it('publishes them in activity.changed to the partner’s room', async () => {
    const socket = await connectLive(api.baseUrl, { token: manager });
    sockets.push(socket);
    expect((await subscribe(socket, { scope: 'partner', id: partnerId })).ok).toBe(true);
    const received: ActivityView[] = [];
    socket.on('activity.changed', (view) => received.push(view));
    await api.app.get(ActivityRollup).run(T);
    const view = await waitFor(
      async () => received.find((entry) => entry.scope === 'partner' && entry.id === partnerId),
      (found) => !!found,
    );
    expect(view!.agents).toEqual({ interval: utc('09:00'), required: 4, live: 4, gap: 0 });
    expect(view!.hoursToday).toEqual({ requested: 5, delivered: 4.1667, ratio: 0.8333, to: utc('09:10') });
  });
});
