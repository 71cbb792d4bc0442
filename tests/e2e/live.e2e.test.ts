import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataSource } from 'typeorm';
import type { LiveSnapshot, OccupancyDelta } from '#contracts';
import { EventBus } from '#core';
import { OccupancyRollup } from '#live';
import { StaffingReportsService } from '#staffing';
import {
  connectLive,
  type DemoSite,
  demoNetwork,
  isoAgo,
  type LiveClient,
  postSeatEvents,
  recordDeltas,
  subscribe,
} from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { COMMANDS } from '../../apps/cli/src/commands.js';

describe('live seats over HTTP and socket.io', () => {
  let api: TestApi;
  let admin: string;
  let partner: string;
  let partner2: string;
  let sittel: DemoSite;
  let webhelp: DemoSite;
  let apiKey: string;
  /** a campaign Sittel's site works, and one only Webhelp's site works */
  let sittelCampaign: string;
  let webhelpCampaign: string;
  const sockets: LiveClient[] = [];
  const connect = async (auth: { token?: string; apiKey?: string }) => {
    const socket = await connectLive(api.baseUrl, auth);
    sockets.push(socket);
    return socket;
  };
  const siteLive = async (siteId: string, token = admin) =>
    (await api.request(`/api/v1/sites/${siteId}/live`, { token })).body as LiveSnapshot;

  beforeAll(async () => {
    api = await startTestApi();
    [admin, partner, partner2] = await Promise.all([
      api.tokenFor('admin'),
      api.tokenFor('partner'),
      api.tokenFor('partner2'),
    ]);
    const network = await demoNetwork(api);
    sittel = network.siteOf('Sittel');
    webhelp = network.siteOf('Webhelp');
    const key = await api.request('/api/v1/api-keys', {
      method: 'POST',
      token: admin,
      json: { partnerId: sittel.partnerId, name: 'Sittel ACD' },
    });
    expect(key.status).toBe(201);
    apiKey = key.body.key;
    const dataSource = api.app.get(DataSource);
    [sittelCampaign, webhelpCampaign] = await Promise.all(
      [sittel, webhelp].map(async (site) => {
        const [{ id }] = await dataSource.query(
          `INSERT INTO campaign (name, product, status, target_volume, caller_number, allocation_strategy)
           VALUES ($1, 'prevoyance', 'running', 1000, '+33100000000', 'weighted') RETURNING id`,
          [`Seat events at ${site.name}`],
        );
        await dataSource.query(`INSERT INTO campaign_site (campaign_id, site_id, share) VALUES ($1, $2, 1)`, [
          id,
          site.id,
        ]);
        return id as string;
      }),
    );
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await api?.close();
  });

  it("carries every site's declared headcount from the start, before any new report", async () => {
    const network = (await api.request('/api/v1/live?scope=network', { token: admin })).body as LiveSnapshot;
    const today = new Date().toISOString().slice(0, 10);
    const latest = await api.app.get(StaffingReportsService).latestFigures(
      network.sites.map((site) => site.siteId),
      today,
    );
    expect(latest.size).toBeGreaterThan(0);
    for (const site of network.sites)
      expect(site.headcount, site.name).toBe(
        latest.has(site.siteId) ? latest.get(site.siteId)!.headcount : null,
      );
    const declared = [...latest.values()].reduce((sum, figures) => sum + figures.headcount, 0);
    expect(network.totals.headcount).toBe(declared);
  });

  describe('seat-event ingestion', () => {
    it("applies a partner system's batch for its own site before answering, and shows it live", async () => {
      const [a, b, c] = sittel.seats;
      const response = await postSeatEvents(
        api,
        sittel.id,
        [
          { seatId: a, state: 'on_call', at: isoAgo(3000) },
          { seatId: b, state: 'available', at: isoAgo(3000) },
          { seatId: c, state: 'wrap_up', campaignId: sittelCampaign, at: isoAgo(3000) },
        ],
        `ApiKey ${apiKey}`,
      );
      expect(response.status, response.text).toBe(200);
      expect(response.body).toEqual({ received: 3, applied: 3, ignored: 0 });
      const live = await siteLive(sittel.id, partner);
      expect(live.totals.counts).toMatchObject({ on_call: 1, available: 1, wrap_up: 1 });
      expect(live.totals.counts.offline).toBe(sittel.seats.length - 3);
      expect(live.totals.staffed).toBe(3);
      expect(live.totals.occupancy).toBeCloseTo(2 / 3, 3);
      expect(live.seats?.find((seat) => seat.seatId === a)).toMatchObject({
        state: 'on_call',
      });
    });

    it('ignores and counts events older than the seat’s last state, never applying them', async () => {
      const seat = sittel.seats[3];
      await postSeatEvents(api, sittel.id, [{ seatId: seat, state: 'paused', at: isoAgo(1000) }], partner);
      const response = await postSeatEvents(
        api,
        sittel.id,
        [
          { seatId: seat, state: 'on_call', at: isoAgo(60_000) },
          { seatId: sittel.seats[4], state: 'available', at: isoAgo(1000) },
        ],
        partner,
      );
      expect(response.body).toEqual({ received: 2, applied: 1, ignored: 1 });
      const live = await siteLive(sittel.id);
      expect(live.seats?.find((s) => s.seatId === seat)?.state).toBe('paused');
    });

    const refusals: Array<[string, () => [string, unknown, string], number, string]> = [
      [
        "another partner's site",
        () => [webhelp.id, [{ seatId: webhelp.seats[0], state: 'available', at: isoAgo(1) }], partner],
        404,
        'site_not_found',
      ],
      [
        'a seat of another site',
        () => [
          sittel.id,
          [
            { seatId: sittel.seats[5], state: 'available', at: isoAgo(1) },
            { seatId: webhelp.seats[0], state: 'available', at: isoAgo(1) },
          ],
          admin,
        ],
        400,
        'unknown_seats',
      ],
      [
        'a made-up seat',
        () => [sittel.id, [{ seatId: randomUUID(), state: 'available', at: isoAgo(1) }], admin],
        400,
        'unknown_seats',
      ],
      [
        'a bad state',
        () => [sittel.id, [{ seatId: sittel.seats[5], state: 'lunch', at: isoAgo(1) }], admin],
        400,
        'validation_failed',
      ],
      [
        'a time far in the future',
        () => [
          sittel.id,
          [
            {
              seatId: sittel.seats[5],
              state: 'available',
              at: new Date(Date.now() + 3_600_000).toISOString(),
            },
          ],
          admin,
        ],
        400,
        'seat_events_in_future',
      ],
      [
        'a missing time',
        () => [sittel.id, [{ seatId: sittel.seats[5], state: 'available' }], admin],
        400,
        'validation_failed',
      ],
      ['an empty batch', () => [sittel.id, [], admin], 400, 'validation_failed'],
      [
        'an unknown field',
        () => [
          sittel.id,
          [{ seatId: sittel.seats[5], state: 'available', at: isoAgo(1), agent: 'Jean' }],
          admin,
        ],
        400,
        'validation_failed',
      ],
      [
        'an unknown pause reason',
        () => [
          sittel.id,
          [{ seatId: sittel.seats[5], state: 'paused', pauseReason: 'nap', at: isoAgo(1) }],
          admin,
        ],
        400,
        'validation_failed',
      ],
      [
        'a pause reason on a seat that is not paused',
        () => [
          sittel.id,
          [{ seatId: sittel.seats[5], state: 'available', pauseReason: 'lunch', at: isoAgo(1) }],
          admin,
        ],
        400,
        'validation_failed',
      ],
      [
        'a bad campaign id',
        () => [
          sittel.id,
          [{ seatId: sittel.seats[5], state: 'available', at: isoAgo(1), campaignId: 'c-1' }],
          admin,
        ],
        400,
        'validation_failed',
      ],
      [
        'a campaign that does not exist (all-zero id)',
        () => [
          sittel.id,
          [
            { seatId: sittel.seats[5], state: 'on_call', at: isoAgo(1), campaignId: sittelCampaign },
            {
              seatId: sittel.seats[6],
              state: 'on_call',
              at: isoAgo(1),
              campaignId: '00000000-0000-0000-0000-000000000000',
            },
          ],
          admin,
        ],
        400,
        'unknown_campaigns',
      ],
      [
        'a campaign the site does not work (another partner’s)',
        () => [
          sittel.id,
          [
            { seatId: sittel.seats[5], state: 'on_call', at: isoAgo(1), campaignId: sittelCampaign },
            { seatId: sittel.seats[6], state: 'on_call', at: isoAgo(1), campaignId: webhelpCampaign },
          ],
          partner,
        ],
        400,
        'unknown_campaigns',
      ],
      [
        'a date without a time',
        () => [sittel.id, [{ seatId: sittel.seats[5], state: 'available', at: '2011-03-14' }], admin],
        400,
        'validation_failed',
      ],
      [
        'a batch that is not a list',
        () => [sittel.id, { seatId: sittel.seats[5] }, admin],
        400,
        'validation_failed',
      ],
    ];
    it.each(refusals)(
      'refuses %s with a clear 4xx and applies nothing',
      async (_name, build, status, code) => {
        const [siteId, events, token] = build();
        const before = await siteLive(sittel.id);
        const response = await api.request(`/api/v1/sites/${siteId}/seat-events`, {
          method: 'POST',
          token,
          json: { events },
        });
        expect(response.status, response.text).toBe(status);
        expect(response.body.error.code).toBe(code);
        expect(response.body.error.message).toEqual(expect.any(String));
        const after = await siteLive(sittel.id);
        expect(after.sites[0].seq).toBe(before.sites[0].seq);
        expect(after.totals).toEqual(before.totals);
      },
    );

    it('lets only admins and partners post; every role reads what its scope allows', async () => {
      const supervisor = await api.tokenFor('supervisor');
      const refused = await postSeatEvents(
        api,
        sittel.id,
        [{ seatId: sittel.seats[0], state: 'available', at: isoAgo(1) }],
        supervisor,
      );
      expect(refused.status).toBe(403);
      expect((await api.request(`/api/v1/sites/${sittel.id}/live`, { token: partner2 })).status).toBe(404);
      expect((await api.request(`/api/v1/live?scope=network`, { token: partner })).status).toBe(403);
      const network = await api.request(`/api/v1/live?scope=network`, { token: supervisor });
      expect(network.status).toBe(200);
      expect(network.body.sites.length).toBeGreaterThanOrEqual(7);
      expect(network.body.totals.counts.on_call).toBeGreaterThanOrEqual(1);
      const own = await api.request(`/api/v1/live?scope=partner&id=${sittel.partnerId}`, { token: partner });
      expect(own.status).toBe(200);
      expect(own.body.sites.every((site: { partnerId: string }) => site.partnerId === sittel.partnerId)).toBe(
        true,
      );
    });

    it('rolls seat-minutes up into PostgreSQL, paused seats by reason, and serves the day by site', async () => {
      const [, , , , , , lunch, coaching, bare] = sittel.seats;
      const paused = await postSeatEvents(
        api,
        sittel.id,
        [
          { seatId: lunch, state: 'paused', pauseReason: 'lunch', at: isoAgo(500) },
          { seatId: coaching, state: 'paused', pauseReason: 'coaching', at: isoAgo(500) },
          { seatId: bare, state: 'paused', pauseReason: null, at: isoAgo(500) },
        ],
        partner,
      );
      expect(paused.status, paused.text).toBe(200);
      const rollup = api.app.get(OccupancyRollup);
      const result = await rollup.rollup();
      expect(result.sites).toBeGreaterThanOrEqual(1);
      await rollup.rollup(); // same minute again: rewritten, not duplicated
      const day = await api.request(`/api/v1/sites/${sittel.id}/occupancy`, { token: partner });
      expect(day.status, day.text).toBe(200);
      expect(day.body.timeZone).toBe('Africa/Casablanca');
      expect(day.body.minutes).toHaveLength(1);
      const now = await siteLive(sittel.id);
      expect(day.body.minutes[0].staffed).toBe(now.totals.staffed);
      expect(now.seats?.find((seat) => seat.seatId === lunch)?.pauseReason).toBe('lunch');
      // seats[3] paused without a reason earlier in this file, plus the three above
      expect(day.body.minutes[0].counts.paused).toBe(now.totals.counts.paused);
      expect(day.body.minutes[0].pauses).toEqual({
        break: 0,
        lunch: 1,
        training: 0,
        briefing: 0,
        coaching: 1,
        technical: 0,
      });
      expect(
        (await api.request(`/api/v1/sites/${sittel.id}/occupancy?date=2011-02-30`, { token: admin })).status,
      ).toBe(400);
    });
  });

  describe('socket.io /live', () => {
    it('refuses a handshake without credentials or with a bad token', async () => {
      await expect(connectLive(api.baseUrl, {})).rejects.toMatchObject({
        data: { code: 'missing_credentials' },
      });
      await expect(connectLive(api.baseUrl, { token: 'nope' })).rejects.toMatchObject({
        data: { code: 'invalid_token' },
      });
      await expect(connectLive(api.baseUrl, { apiKey: 'plt_bad' })).rejects.toMatchObject({
        data: { code: 'invalid_api_key' },
      });
    });

    it("refuses a partner another partner's rooms and the network, with an error ack, never a silent join", async () => {
      const socket = await connect({ token: partner });
      const { deltas } = recordDeltas(socket);
      const other = await subscribe(socket, { scope: 'site', id: webhelp.id });
      expect(other).toEqual({ ok: false, error: { code: 'site_not_found', message: expect.any(String) } });
      expect(await subscribe(socket, { scope: 'partner', id: webhelp.partnerId })).toMatchObject({
        ok: false,
        error: { code: 'partner_not_found' },
      });
      expect(await subscribe(socket, { scope: 'network' })).toMatchObject({
        ok: false,
        error: { code: 'scope_forbidden' },
      });
      expect(await subscribe(socket, { scope: 'campaign', id: randomUUID() })).toMatchObject({
        ok: false,
        error: { code: 'scope_forbidden' },
      });
      expect(await subscribe(socket, { scope: 'galaxy' as never })).toMatchObject({
        ok: false,
        error: { code: 'invalid_subscription' },
      });
      await postSeatEvents(
        api,
        webhelp.id,
        [{ seatId: webhelp.seats[0], state: 'on_call', at: isoAgo(1) }],
        partner2,
      );
      // the Webhelp update reached Webhelp's own watcher but not the refused Sittel socket
      const watcher = await connect({ token: partner2 });
      const webhelpDeltas = recordDeltas(watcher);
      expect((await subscribe(watcher, { scope: 'site', id: webhelp.id })).ok).toBe(true);
      await postSeatEvents(
        api,
        webhelp.id,
        [{ seatId: webhelp.seats[1], state: 'on_call', at: isoAgo(1) }],
        partner2,
      );
      await webhelpDeltas.waitFor((d) => d.seats?.some((s) => s.seatId === webhelp.seats[1]) ?? false);
      expect(deltas).toEqual([]);
    });

    it('acks a subscription with a snapshot, then sends deltas', async () => {
      const socket = await connect({ apiKey });
      const recorder = recordDeltas(socket);
      const ack = await subscribe(socket, { scope: 'site', id: sittel.id });
      expect(ack.ok).toBe(true);
      const snapshot = (ack as { snapshot: LiveSnapshot }).snapshot;
      expect(snapshot).toMatchObject({ scope: 'site', id: sittel.id });
      expect(snapshot.seats?.length).toBeGreaterThanOrEqual(3);
      const seat = sittel.seats[10];
      const wire: OccupancyDelta[] = [];
      socket.on('site.occupancy', (delta) => wire.push(delta));
      const at = isoAgo(1);
      await postSeatEvents(api, sittel.id, [{ seatId: seat, state: 'on_call', at }], partner);
      const delta = await recorder.waitFor((d) => d.seats?.some((s) => s.seatId === seat) ?? false);
      expect(delta.seats).toEqual([expect.objectContaining({ seatId: seat, state: 'on_call', at })]);
      // on the wire a delta's seats are compact tuples, times in epoch ms
      expect(wire.flatMap((d) => d.seats ?? []).filter(([seatId]) => seatId === seat)).toEqual([
        [seat, 'on_call', null, Date.parse(at), expect.any(Number)],
      ]);
      expect(delta.sites).toHaveLength(1);
      expect(delta.sites[0].seq).toBeGreaterThan(snapshot.sites[0].seq);
      expect(delta.totals.counts.on_call).toBe(snapshot.totals.counts.on_call + 1);
    });

    it('coalesces a burst per room and keeps the final state', async () => {
      const socket = await connect({ token: admin });
      const site = recordDeltas(socket);
      expect((await subscribe(socket, { scope: 'site', id: sittel.id })).ok).toBe(true);
      expect((await subscribe(socket, { scope: 'network' })).ok).toBe(true);
      const seat = sittel.seats[20];
      const states = [
        'available',
        'on_call',
        'wrap_up',
        'available',
        'on_call',
        'wrap_up',
        'paused',
      ] as const;
      const started = Date.now();
      const base = Date.now() - 60_000;
      for (let round = 0; round < 60; round++) {
        const state = round === 59 ? 'paused' : states[round % 6];
        await postSeatEvents(
          api,
          sittel.id,
          [{ seatId: seat, state, at: new Date(base + round * 100).toISOString() }],
          partner,
        );
      }
      const final = await site.waitFor(
        (d) =>
          d.scope === 'site' && (d.seats?.some((s) => s.seatId === seat && s.state === 'paused') ?? false),
      );
      await new Promise((resolve) => setTimeout(resolve, 700));
      const elapsed = (Date.now() - started) / 1000;
      const siteDeltas = site.deltas.filter((d) => d.scope === 'site');
      const networkDeltas = site.deltas.filter((d) => d.scope === 'network');
      // 60 batches, but at most a burst of 3 plus 5 a second per room
      expect(siteDeltas.length).toBeLessThanOrEqual(3 + Math.ceil(elapsed * 5) + 1);
      expect(siteDeltas.length).toBeLessThan(60);
      expect(networkDeltas.length).toBeLessThanOrEqual(3 + Math.ceil(elapsed * 5) + 1);
      expect(siteDeltas.at(-1)).toBe(final);
      expect(networkDeltas.at(-1)!.sites.find((s) => s.siteId === sittel.id)!.counts).toEqual(
        (await siteLive(sittel.id)).totals.counts,
      );
    });

    it("forwards domain events to the partner's, site's and network's rooms only", async () => {
      const sittelWatcher = await connect({ token: partner });
      const webhelpWatcher = await connect({ token: partner2 });
      const networkWatcher = await connect({ token: admin });
      expect((await subscribe(sittelWatcher, { scope: 'partner', id: sittel.partnerId })).ok).toBe(true);
      expect((await subscribe(webhelpWatcher, { scope: 'partner', id: webhelp.partnerId })).ok).toBe(true);
      expect((await subscribe(networkWatcher, { scope: 'network' })).ok).toBe(true);
      const received: string[] = [];
      webhelpWatcher.on('alert.opened', () => received.push('webhelp'));
      const alert = {
        id: randomUUID(),
        kind: 'seats_below_plan',
        siteId: sittel.id,
        partnerId: sittel.partnerId,
        message: 'staffed seats below plan',
        openedAt: new Date().toISOString(),
      };
      const atSittel = new Promise((resolve) => sittelWatcher.once('alert.opened', resolve));
      const atNetwork = new Promise((resolve) => networkWatcher.once('alert.opened', resolve));
      api.app.get(EventBus).publish('alert.opened', alert);
      expect(await atSittel).toEqual(alert);
      expect(await atNetwork).toEqual(alert);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toEqual([]);
    });

    it('counts connected sockets and seats by state in /metrics', async () => {
      await connect({ token: admin });
      const metrics = (await api.request('/metrics')).text;
      expect(Number(/^plateau_live_sockets (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
      expect(metrics).toMatch(/plateau_live_seats\{state="on_call"\} [1-9]/);
    });
  });

  describe('simulate (cli)', () => {
    it('feeds a realistic calling morning to the api over HTTP', async () => {
      const lines: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
      try {
        const run = COMMANDS.simulate.runWithoutApp!({
          url: api.baseUrl,
          speed: '900',
          duration: '2',
          tick: '250',
          start: '2011-03-14T10:20',
        });
        expect(run).toBeInstanceOf(Promise);
        await run;
      } finally {
        log.mockRestore();
      }
      const totals = JSON.parse(lines.at(-1)!);
      expect(totals.posted).toBeGreaterThan(500);
      expect(totals.posted).toBe(totals.applied + totals.ignored);
      const network = (await api.request('/api/v1/live?scope=network', { token: admin }))
        .body as LiveSnapshot;
      expect(network.totals.staffed).toBeGreaterThan(network.totals.seats * 0.6);
      expect(network.totals.counts.on_call).toBeGreaterThan(0);
    });
  });
});
