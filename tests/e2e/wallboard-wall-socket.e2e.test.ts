import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityView,
  AlertEvent,
  DomainEventName,
  LiveHandshakeAuth,
  OccupancyDelta,
} from '#contracts';
import { AlertsService } from '#alerts';
import { ActivityRollup } from '#wallboard';
import {
  connectLive,
  demoNetwork,
  type DemoSite,
  isoAgo,
  type LiveClient,
  postSeatEvents,
  serverDisconnect,
  subscribe,
} from '../support/live.js';
import { staffingReport } from '../support/staffing.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** Every event a socket receives, by name. */
function recordAll(socket: LiveClient) {
  const events: Array<{ name: DomainEventName; payload: unknown }> = [];
  socket.onAny((name: DomainEventName, payload: unknown) => events.push({ name, payload }));
  return events;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));
/** what a wall shows: the figures of its tiles, their activity, its owner's alerts */
const WALL_EVENTS = new Set<DomainEventName>([
  'site.occupancy',
  'activity.changed',
  'alert.opened',
  'alert.resolved',
]);

/**
 * Issue 22: a read-only wall link's own socket. The token subscribes only to its wall's tiles,
 * within its owner's rights, and receives what the wall shows (figures without seats, activity,
 * the owner's alerts when the wall has an alerts tile), nothing else; revoking the link closes it.
 */
describe('a wall link over /live', () => {
  let api: TestApi;
  let partner: string;
  let manager: string;
  let casablanca: DemoSite;
  let mohammedia: DemoSite;
  let webhelp: DemoSite;
  let token: string;
  let shareId: string;
  const sockets: LiveClient[] = [];

  const call = (method: string, path: string, auth: string, json?: unknown) =>
    api.request(`/api/v1${path}`, { method, token: auth, json });
  const connect = async (auth: LiveHandshakeAuth) => {
    const socket = await connectLive(api.baseUrl, auth);
    sockets.push(socket);
    return socket;
  };
  const refusal = (auth: LiveHandshakeAuth) =>
    connectLive(api.baseUrl, auth).then(
      (socket) => {
        sockets.push(socket);
        return null;
      },
      (error: Error & { data?: { code: string } }) => error.data?.code ?? error.message,
    );
  const seatEvent = (site: DemoSite, state: string) =>
    postSeatEvents(api, site.id, [{ seatId: site.seats[0], state, at: isoAgo(1000) }] as never, partner);

  beforeAll(async () => {
    api = await startTestApi();
    [partner, manager] = await Promise.all([api.tokenFor('partner'), api.tokenFor('manager')]);
    const network = await demoNetwork(api);
    const sittel = network.partner('Sittel').id;
    [casablanca, mohammedia] = ['Sittel Casablanca', 'Sittel Mohammedia'].map((name) =>
      network.sites.find((site) => site.name === name && site.partnerId === sittel)!,
    );
    webhelp = network.siteOf('Webhelp');
    // Sittel's partner user shows one of its two sites, that site's activity and its open alerts
    const saved = await call('PUT', '/walls/mine', partner, {
      screen: '1080p',
      tiles: [
        { id: 'casa', kind: 'site', targetId: casablanca.id, size: 'large', title: 'Casablanca' },
        { id: 'casa-activity', kind: 'activity', scope: 'site', targetId: casablanca.id, size: 'medium' },
        { id: 'alerts', kind: 'alerts', size: 'medium' },
      ],
    });
    expect(saved.status, saved.text).toBe(200);
    const share = await call('POST', '/walls/mine/shares', partner, { label: 'salle 1' });
    expect(share.status, share.text).toBe(201);
    ({ token, id: shareId } = share.body);
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await api?.close();
  });

  it('subscribes to its wall’s tiles only, with the figures but not the seats', async () => {
    const wall = await connect({ wallToken: token });
    const ack = await subscribe(wall, { scope: 'site', id: casablanca.id });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    if (!ack.ok) return;
    expect(ack.snapshot).toMatchObject({ scope: 'site', id: casablanca.id, totals: expect.any(Object) });
    expect(ack.snapshot.seats).toBeUndefined();
    // the owner could watch these, but the wall does not show them
    for (const request of [
      { scope: 'site', id: mohammedia.id },
      { scope: 'partner', id: casablanca.partnerId },
      { scope: 'network' },
      { scope: 'site', id: webhelp.id },
      { scope: 'campaign', id: randomUUID() },
    ] as const) {
      const refused = await subscribe(wall, request);
      expect(refused, JSON.stringify(request)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'not_on_wall' }),
      });
    }
    expect((await subscribe(wall, 'network' as never)).ok).toBe(false);
    expect(wall.connected).toBe(true);
  });

  it('receives what the wall shows and nothing else', async () => {
    const wall = await connect({ wallToken: token });
    expect((await subscribe(wall, { scope: 'site', id: casablanca.id })).ok).toBe(true);
    const owner = await connect({ token: partner });
    expect((await subscribe(owner, { scope: 'site', id: casablanca.id })).ok).toBe(true);
    const onWall = recordAll(wall);
    const onOwner = recordAll(owner);

    expect((await seatEvent(casablanca, 'on_call')).status).toBe(200);
    expect((await seatEvent(mohammedia, 'on_call')).status).toBe(200);
    const report = await call(
      'POST',
      `/sites/${casablanca.id}/staffing-reports`,
      partner,
      staffingReport('2024-06-03'),
    );
    expect(report.status, report.text).toBe(201);
    const alerts = api.app.get(AlertsService);
    await alerts.raise({
      kind: 'test.wall',
      dedupeKey: `casa-${Date.now()}`,
      siteId: casablanca.id,
      message: 'Casablanca',
    });
    await alerts.raise({
      kind: 'test.wall',
      dedupeKey: `webhelp-${Date.now()}`,
      siteId: webhelp.id,
      message: 'Webhelp',
    });
    await api.app.get(ActivityRollup).run();

    const names = (events: typeof onWall) => [...new Set(events.map((event) => event.name))].sort();
    // the owner's own socket on the same site room gets the staffing report and the seats
    await expect
      .poll(() => names(onOwner), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['alert.opened', 'site.occupancy', 'staffing.report']));
    await expect
      .poll(() => names(onWall), { timeout: 10_000 })
      .toEqual(['activity.changed', 'alert.opened', 'site.occupancy']);
    await settle();
    expect(names(onWall).filter((name) => !WALL_EVENTS.has(name))).toEqual([]);
    const deltas = onWall
      .filter((event) => event.name === 'site.occupancy')
      .map((event) => event.payload as OccupancyDelta);
    expect(deltas.length).toBeGreaterThan(0);
    expect(
      deltas.every((delta) => delta.scope === 'site' && delta.id === casablanca.id && !delta.seats),
    ).toBe(true);
    expect(deltas.at(-1)!.totals.counts.on_call).toBeGreaterThan(0);
    expect(
      onOwner.some(
        (event) => event.name === 'site.occupancy' && (event.payload as OccupancyDelta).seats?.length,
      ),
    ).toBe(true);
    const views = onWall
      .filter((event) => event.name === 'activity.changed')
      .map((event) => event.payload as ActivityView);
    expect(views.every((view) => view.scope === 'site' && view.id === casablanca.id)).toBe(true);
    const opened = onWall
      .filter((event) => event.name === 'alert.opened')
      .map((event) => event.payload as AlertEvent);
    expect(opened.map((alert) => alert.message)).toEqual(['Casablanca']);
  });

  it('gets no alerts on a wall without an alerts tile', async () => {
    const saved = await call('PUT', '/walls/mine', manager, {
      screen: '4k',
      tiles: [{ id: 'net', kind: 'network', size: 'large' }],
    });
    expect(saved.status, saved.text).toBe(200);
    const share = await call('POST', '/walls/mine/shares', manager, { label: 'hall' });
    const wall = await connect({ wallToken: share.body.token });
    expect((await subscribe(wall, { scope: 'network' })).ok).toBe(true);
    const events = recordAll(wall);
    await api.app.get(AlertsService).raise({
      kind: 'test.wall',
      dedupeKey: `network-${Date.now()}`,
      siteId: casablanca.id,
      message: 'not for this wall',
    });
    expect((await seatEvent(casablanca, 'available')).status).toBe(200);
    await expect
      .poll(() => events.some((event) => event.name === 'site.occupancy'), { timeout: 10_000 })
      .toBe(true);
    await settle();
    const names = events.map((event) => event.name);
    expect(names.filter((name) => name !== 'site.occupancy' && name !== 'activity.changed')).toEqual([]);
  });

  it('is no other credential, and no other credential makes a wall socket more', async () => {
    expect(await refusal({ token })).not.toBeNull();
    expect(await refusal({ apiKey: token })).not.toBeNull();
    for (const path of ['/live/activity?scope=network', `/sites/${casablanca.id}/live`, '/walls/mine'])
      for (const auth of [`Bearer ${token}`, `ApiKey ${token}`])
        expect((await call('GET', path, auth)).status, `${auth} ${path}`).toBe(401);
    for (const wallToken of ['', 'x'.repeat(32), `${token}x`, 42 as never, { token } as never])
      expect(await refusal({ wallToken }), JSON.stringify(wallToken)).toMatch(/^wall_/);
    // a wall token beside a manager's token is a wall socket still
    const both = await connect({ wallToken: token, token: manager });
    expect(await subscribe(both, { scope: 'network' })).toMatchObject({
      ok: false,
      error: { code: 'not_on_wall' },
    });
  });

  it('stops with its owner: a disabled owner’s links close and are refused', async () => {
    const admin = await api.tokenFor('admin');
    const email = `wall-owner-${Date.now()}@plateau.test`;
    const user = await call('POST', '/users', admin, {
      email,
      displayName: 'Wall owner',
      password: 'wall-owner-password',
      role: 'supervisor',
    });
    expect(user.status, user.text).toBe(201);
    const login = await api.request('/api/v1/auth/login', {
      method: 'POST',
      json: { email, password: 'wall-owner-password' },
    });
    const owner = login.body.accessToken as string;
    expect(
      (
        await call('PUT', '/walls/mine', owner, {
          screen: '1080p',
          tiles: [{ id: 'n', kind: 'network', size: 'large' }],
        })
      ).status,
    ).toBe(200);
    const link = (await call('POST', '/walls/mine/shares', owner, { label: 'owner screen' })).body
      .token as string;
    const wall = await connect({ wallToken: link });
    expect((await subscribe(wall, { scope: 'network' })).ok).toBe(true);
    const closed = serverDisconnect(wall);
    expect((await call('PATCH', `/users/${user.body.id}`, admin, { active: false })).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    expect(await refusal({ wallToken: link })).toBe('wall_share_revoked');
    expect((await api.request('/api/v1/walls/shared', { headers: { 'x-wall-token': link } })).status).toBe(
      401,
    );
  });

  it('closes its sockets when revoked, and refuses them from then on; the other links stay', async () => {
    const other = await call('POST', '/walls/mine/shares', partner, { label: 'salle 2' });
    const kept = await connect({ wallToken: other.body.token });
    const sockets = await Promise.all([connect({ wallToken: token }), connect({ wallToken: token })]);
    for (const socket of [kept, ...sockets])
      expect((await subscribe(socket, { scope: 'site', id: casablanca.id })).ok).toBe(true);
    const closed = sockets.map((socket) => serverDisconnect(socket));
    expect((await call('DELETE', `/walls/mine/shares/${shareId}`, partner)).status).toBe(200);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await refusal({ wallToken: token })).toBe('wall_share_revoked');
    expect((await api.request('/api/v1/walls/shared', { headers: { 'x-wall-token': token } })).status).toBe(
      401,
    );
    await settle();
    expect(kept.connected).toBe(true);
    expect((await subscribe(kept, { scope: 'site', id: casablanca.id })).ok).toBe(true);
  });
});
