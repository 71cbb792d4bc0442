import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharedWallView, WallLayout } from '#contracts';
import { ActivityRollup, THRESHOLD_ALERT } from '#wallboard';
import { demoNetwork, type DemoSite, postSeatEvents } from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** Issue 22: a wall each user arranges, read-only links that read that wall only, and tile thresholds as alerts. */
describe('walls, their read-only links and their thresholds', () => {
  let api: TestApi;
  let supervisor: string;
  let manager: string;
  let partner: string;
  let partner2: string;
  let admin: string;
  let sittel: DemoSite;
  let webhelp: DemoSite;

  const call = (
    method: string,
    path: string,
    token?: string,
    json?: unknown,
    headers?: Record<string, string>,
  ) => api.request(`/api/v1${path}`, { method, token, json, headers });
  const shared = (token?: string) =>
    call('GET', '/walls/shared', undefined, undefined, token === undefined ? {} : { 'x-wall-token': token });

  beforeAll(async () => {
    api = await startTestApi();
    [supervisor, manager, partner, partner2, admin] = await Promise.all([
      api.tokenFor('supervisor'),
      api.tokenFor('manager'),
      api.tokenFor('partner'),
      api.tokenFor('partner2'),
      api.tokenFor('admin'),
    ]);
    const network = await demoNetwork(api);
    sittel = network.siteOf('Sittel');
    webhelp = network.siteOf('Webhelp');
  });
  afterAll(() => api?.close());

  const wall = (): WallLayout => ({
    screen: '4k',
    tiles: [
      {
        id: 'rabat',
        kind: 'site',
        targetId: sittel.id,
        size: 'large',
        thresholds: [{ metric: 'occupancy', op: 'below', value: 0.6 }],
      },
      { id: 'net-activity', kind: 'activity', scope: 'network', size: 'medium' },
      { id: 'alerts', kind: 'alerts', size: 'small' },
    ],
  });

  it('shows a default wall, saves the arranged one per user, and refuses a bad wall whole', async () => {
    const first = await call('GET', '/walls/mine', supervisor);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      updatedAt: null,
      tiles: [{ kind: 'network' }, { kind: 'activity' }, { kind: 'alerts' }],
    });
    const saved = await call('PUT', '/walls/mine', supervisor, wall());
    expect(saved.status, saved.text).toBe(200);
    expect((await call('GET', '/walls/mine', supervisor)).body).toMatchObject({
      ...wall(),
      updatedAt: saved.body.updatedAt,
    });
    // another user's wall is their own
    expect((await call('GET', '/walls/mine', manager)).body.updatedAt).toBeNull();

    const bad = await call('PUT', '/walls/mine', supervisor, {
      screen: '8k',
      tiles: [
        { id: 'a', kind: 'site', size: 'huge' },
        {
          id: 'a',
          kind: 'alerts',
          size: 'small',
          thresholds: [{ metric: 'occupancy', op: 'below', value: 0.5 }],
        },
        {
          id: 'b',
          kind: 'activity',
          scope: 'site',
          targetId: sittel.id,
          size: 'small',
          thresholds: [{ metric: 'occupancy', op: 'below', value: 60 }],
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_wall_layout');
    expect(bad.body.error.details.problems).toEqual([
      'screen must be one of 1080p, 4k',
      'tiles[0].size must be one of small, medium, large',
      'tiles[0].targetId must be the uuid of the site shown',
      'tiles[1]: an alerts tile has no thresholds',
      'tiles[2].thresholds[0].value must be a number from 0 to 1 (a share)',
    ]);
    expect((await call('GET', '/walls/mine', supervisor)).body.updatedAt).toBe(saved.body.updatedAt);
  });

  it('keeps a partner’s wall to its own sites', async () => {
    const foreign = await call('PUT', '/walls/mine', partner2, {
      screen: '1080p',
      tiles: [{ id: 'x', kind: 'site', targetId: sittel.id, size: 'small' }],
    });
    expect(foreign.status).toBe(404);
    expect(
      (
        await call('PUT', '/walls/mine', partner2, {
          screen: '1080p',
          tiles: [{ id: 'n', kind: 'network', size: 'small' }],
        })
      ).status,
    ).toBe(403);
    const own = await call('GET', '/walls/mine', partner2);
    expect(own.body.tiles[0]).toMatchObject({ kind: 'partner', targetId: webhelp.partnerId });
    const key = await call('POST', '/api-keys', admin, { partnerId: sittel.partnerId, name: 'wall probe' });
    expect((await call('GET', '/walls/mine', `ApiKey ${key.body.key}`)).status).toBe(403);
  });

  it('a share link reads that wall only, with figures, until it is revoked', async () => {
    expect((await call('POST', '/walls/mine/shares', manager, { label: 'no wall yet' })).status).toBe(404);
    expect((await call('POST', '/walls/mine/shares', supervisor, { label: '' })).status).toBe(400);
    const created = await call('POST', '/walls/mine/shares', supervisor, {
      label: 'Screen by the Rabat floor',
    });
    expect(created.status, created.text).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const view = await shared(token);
    expect(view.status, view.text).toBe(200);
    const body = view.body as SharedWallView;
    expect(body.screen).toBe('4k');
    expect(body.tiles.map((tile) => tile.id)).toEqual(['rabat', 'net-activity', 'alerts']);
    expect(body.tiles[0].activity).toMatchObject({ scope: 'site', id: sittel.id });
    expect(body.tiles[0].live).toMatchObject({ seats: expect.any(Number) });
    expect(body.tiles[2].alerts).toEqual(expect.any(Array));

    // the token is no credential anywhere else
    expect((await call('GET', '/live?scope=network', token)).status).toBe(401);
    expect((await call('GET', '/walls/mine', token)).status).toBe(401);
    expect(
      (await api.request('/api/v1/live?scope=network', { headers: { 'x-wall-token': token } })).status,
    ).toBe(401);
    // nor does a wrong, missing or malformed one read anything
    expect((await shared()).status).toBe(401);
    expect((await shared('x'.repeat(32))).status).toBe(401);
    expect((await shared("'; DROP TABLE wall; --")).status).toBe(401);

    // the list never shows a token again; someone else cannot revoke it
    const list = await call('GET', '/walls/mine/shares', supervisor);
    expect(list.body).toEqual([
      {
        id: created.body.id,
        label: 'Screen by the Rabat floor',
        createdAt: created.body.createdAt,
        revokedAt: null,
      },
    ]);
    expect((await call('DELETE', `/walls/mine/shares/${created.body.id}`, manager)).status).toBe(404);
    expect((await shared(token)).status).toBe(200);

    const revoked = await call('DELETE', `/walls/mine/shares/${created.body.id}`, supervisor);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await shared(token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('wall_share_revoked');
  });

  it('a tile threshold colours the shared tile and opens an alert, resolved once the figure is back', async () => {
    const [s1, s2, s3, s4] = sittel.seats;
    const now = new Date().toISOString();
    const events = (states: string[]) =>
      [s1, s2, s3, s4].map((seatId, index) => ({ seatId, state: states[index], at: now }));
    expect(
      (
        await postSeatEvents(
          api,
          sittel.id,
          events(['on_call', 'available', 'available', 'available']) as never,
          partner,
        )
      ).status,
    ).toBe(200);
    const rollup = api.app.get(ActivityRollup);
    await rollup.run();
    const alerts = async (token: string) =>
      (await call('GET', `/alerts?status=open&kind=${THRESHOLD_ALERT}`, token)).body.items as Array<{
        message: string;
        siteId: string;
      }>;
    const open = await alerts(supervisor);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ siteId: sittel.id });
    expect(open[0].message).toMatch(/^Occupancy of .+ is 25 %, below 60 % over the last hour$/);
    // the site's partner sees it, the other partner does not
    expect(await alerts(partner)).toHaveLength(1);
    expect(await alerts(partner2)).toHaveLength(0);

    const token = (await call('POST', '/walls/mine/shares', supervisor, { label: 'second screen' })).body
      .token;
    const tile = ((await shared(token)).body as SharedWallView).tiles[0];
    expect(tile.breached).toEqual([{ metric: 'occupancy', op: 'below', value: 0.6 }]);
    expect(tile.activity?.lastHour.occupancy).toBe(0.25);

    await postSeatEvents(
      api,
      sittel.id,
      events(['on_call', 'on_call', 'wrap_up', 'on_call']) as never,
      partner,
    );
    await rollup.run(); // the same minute sampled again: 4 busy of 4
    expect(await alerts(supervisor)).toHaveLength(0);
    expect(((await shared(token)).body as SharedWallView).tiles[0].breached).toEqual([]);
  });
});
