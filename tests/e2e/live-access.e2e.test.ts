import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectLive,
  type DemoSite,
  demoNetwork,
  type LiveClient,
  serverDisconnect,
  subscribe,
} from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** A socket's access holds only as long as its credential: checked on every subscribe, closed when it ends. */
describe('live socket access after the handshake', () => {
  let api: TestApi;
  let admin: string;
  let sittel: DemoSite;
  const sockets: LiveClient[] = [];
  const connect = async (auth: { token?: string; apiKey?: string }) => {
    const socket = await connectLive(api.baseUrl, auth);
    sockets.push(socket);
    return socket;
  };
  const newKey = async (name: string) => {
    const created = await api.request('/api/v1/api-keys', {
      method: 'POST',
      token: admin,
      json: { partnerId: sittel.partnerId, name },
    });
    return created.body as { id: string; key: string };
  };
  const newSupervisor = async (email: string) => {
    const created = await api.request('/api/v1/users', {
      method: 'POST',
      token: admin,
      json: { email, displayName: email, password: 'supervisor-password', role: 'supervisor' },
    });
    const login = await api.request('/api/v1/auth/login', {
      method: 'POST',
      json: { email, password: 'supervisor-password' },
    });
    return { id: created.body.id as string, token: login.body.accessToken as string };
  };

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor('admin');
    sittel = (await demoNetwork(api)).siteOf('Sittel');
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await api?.close();
  });

  it('closes the sockets of a revoked API key, and the key cannot connect again', async () => {
    const { id, key } = await newKey('revoked while connected');
    const socket = await connect({ apiKey: key });
    expect((await subscribe(socket, { scope: 'site', id: sittel.id })).ok).toBe(true);
    const closed = serverDisconnect(socket);
    await api.request(`/api/v1/api-keys/${id}/revoke`, { method: 'POST', token: admin });
    expect(await closed).toBe('io server disconnect');
    await expect(connectLive(api.baseUrl, { apiKey: key })).rejects.toMatchObject({
      data: { code: 'api_key_revoked' },
    });
  });

  it('closes the sockets of a user who is disabled or re-scoped, and only theirs', async () => {
    const disabled = await newSupervisor('socket-disabled@plateau.test');
    const rescoped = await newSupervisor('socket-rescoped@plateau.test');
    const bystander = await newSupervisor('socket-bystander@plateau.test');
    const [first, second, third] = await Promise.all(
      [disabled, rescoped, bystander].map((user) => connect({ token: user.token })),
    );
    for (const socket of [first, second, third])
      expect((await subscribe(socket, { scope: 'network' })).ok).toBe(true);
    const firstClosed = serverDisconnect(first);
    const secondClosed = serverDisconnect(second);
    await api.request(`/api/v1/users/${disabled.id}`, {
      method: 'PATCH',
      token: admin,
      json: { active: false },
    });
    await api.request(`/api/v1/users/${rescoped.id}`, {
      method: 'PATCH',
      token: admin,
      json: { siteIds: [sittel.id] },
    });
    expect(await firstClosed).toBe('io server disconnect');
    expect(await secondClosed).toBe('io server disconnect');
    expect(third.connected).toBe(true);
    // the re-scoped supervisor reconnects with its narrower scope
    const again = await connect({ token: rescoped.token });
    const network = await subscribe(again, { scope: 'network' });
    expect(network).toMatchObject({ ok: false, error: { code: 'scope_forbidden' } });
    expect((await subscribe(again, { scope: 'site', id: sittel.id })).ok).toBe(true);
  });

  it('checks the credential again on every subscribe: refused and closed once it no longer holds', async () => {
    const user = await newSupervisor('socket-recheck@plateau.test');
    const socket = await connect({ token: user.token });
    expect((await subscribe(socket, { scope: 'network' })).ok).toBe(true);
    // disabled behind the api's back (no revocation signal): the next subscribe must still see it
    await api.app.get(DataSource).query('UPDATE app_user SET active = false WHERE id = $1', [user.id]);
    const closed = serverDisconnect(socket);
    const refused = await subscribe(socket, { scope: 'site', id: sittel.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'account_disabled' } });
    expect(await closed).toBe('io server disconnect');
  });

  it('closes a socket when its token expires', async () => {
    const user = await newSupervisor('socket-expiry@plateau.test');
    const token = api.app
      .get(JwtService)
      .sign({ sub: user.id, role: 'supervisor', name: 'x' }, { expiresIn: 2 });
    const socket = await connect({ token });
    expect((await subscribe(socket, { scope: 'network' })).ok).toBe(true);
    expect(await serverDisconnect(socket, 15_000)).toBe('io server disconnect');
  });
});
