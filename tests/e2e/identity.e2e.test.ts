import { Reflector } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '#alerts';
import { Clock } from '#core';
import { ACCESS_RULE } from '#identity/access';
import { contractBody } from '../support/billing.js';
import { contactRows, csvOf, LAWFUL_MOMENT, pinClock, waitFor } from '../support/campaigns.js';
import {
  connectLive,
  demoNetwork,
  isoAgo,
  type LiveClient,
  postSeatEvents,
  subscribe,
} from '../support/live.js';
import { registeredRoutes } from '../support/routes.js';
import { startTestApi, TestApi } from '../support/test-api.js';

type Role = 'admin' | 'manager' | 'supervisor' | 'partner';
const ROLES: Role[] = ['admin', 'manager', 'supervisor', 'partner'];

describe('identity and access over HTTP', () => {
  let api: TestApi;
  let tokens: Record<Role, string>;
  let sittel: { id: string };
  let webhelp: { id: string };
  let sittelSite: { id: string };
  let webhelpSite: { id: string };

  beforeAll(async () => {
    // as behind a reverse proxy on this host: its X-Forwarded-For is believed
    api = await startTestApi({ TRUST_PROXY: '127.0.0.1' });
    tokens = Object.fromEntries(
      await Promise.all(ROLES.map(async (r) => [r, await api.tokenFor(r)])),
    ) as Record<Role, string>;
    const partners = (await api.request('/api/v1/partners', { token: tokens.admin })).body.items;
    sittel = partners.find((p: { name: string }) => p.name === 'Sittel');
    webhelp = partners.find((p: { name: string }) => p.name === 'Webhelp');
    const sites = (await api.request('/api/v1/sites?limit=200', { token: tokens.admin })).body.items;
    sittelSite = sites.find((s: { partnerId: string }) => s.partnerId === sittel.id);
    webhelpSite = sites.find((s: { partnerId: string }) => s.partnerId === webhelp.id);
  });
  afterAll(() => api?.close());

  const auditCount = async () =>
    (await api.request('/api/v1/audit-events?limit=1', { token: tokens.admin })).body.total;

  it('every registered route declares an access rule (health and login by declaring @Public)', () => {
    const reflector = api.app.get(Reflector);
    const routes = registeredRoutes(api.app);
    const missing = routes
      .filter((route) => !reflector.getAllAndOverride(ACCESS_RULE, [route.handler, route.controller]))
      .map((route) => route.name);
    expect(routes.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  describe('role x endpoint matrix', () => {
    const matrix: Array<{ route: string; allowed: Role[]; call: () => [string, string, unknown?] }> = [
      { route: 'GET /partners', allowed: ROLES, call: () => ['GET', '/api/v1/partners'] },
      {
        route: 'POST /partners',
        allowed: ['admin'],
        call: () => ['POST', '/api/v1/partners', { name: 'M1', kind: 'in_house' }],
      },
      { route: 'GET /sites', allowed: ROLES, call: () => ['GET', '/api/v1/sites'] },
      { route: 'GET /sites/:id', allowed: ROLES, call: () => ['GET', `/api/v1/sites/${sittelSite.id}`] },
      {
        route: 'PATCH /sites/:id',
        allowed: ['admin'],
        call: () => ['PATCH', `/api/v1/sites/${sittelSite.id}`, { city: 'Casablanca' }],
      },
      {
        route: 'GET /sites/:id/seats',
        allowed: ROLES,
        call: () => ['GET', `/api/v1/sites/${sittelSite.id}/seats`],
      },
      { route: 'GET /users', allowed: ['admin'], call: () => ['GET', '/api/v1/users'] },
      { route: 'GET /api-keys', allowed: ['admin'], call: () => ['GET', '/api/v1/api-keys'] },
      { route: 'GET /audit-events', allowed: ['admin'], call: () => ['GET', '/api/v1/audit-events'] },
      { route: 'GET /auth/me', allowed: ROLES, call: () => ['GET', '/api/v1/auth/me'] },
    ];
    const cases = matrix.flatMap((entry) => ROLES.map((role) => [entry.route, role, entry] as const));

    it.each(cases)('%s as %s', async (_route, role, entry) => {
      const [method, path, json] = entry.call();
      const response = await api.request(path, { method, token: tokens[role], json });
      if (entry.allowed.includes(role)) expect(response.status, response.text).toBeLessThan(300);
      else {
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      }
    });
  });

  describe('authentication failures', () => {
    it('wrong password and unknown email answer the same', async () => {
      const wrong = await api.request('/api/v1/auth/login', {
        method: 'POST',
        json: { email: 'manager@plateau.demo', password: 'not-the-password' },
      });
      const unknown = await api.request('/api/v1/auth/login', {
        method: 'POST',
        json: { email: 'nobody@plateau.demo', password: 'not-the-password' },
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
    });

    it.each([
      ['no header', undefined, 'missing_credentials'],
      ['unknown scheme', 'Basic abc', 'malformed_credentials'],
      ['malformed token', 'Bearer not.a.jwt', 'invalid_token'],
      ['malformed key', 'ApiKey nope', 'invalid_api_key'],
      ['unknown key', 'ApiKey plt_abcdefghij_abcdefghijabcdefghijabcdefghij12', 'invalid_api_key'],
    ])('%s -> 401 %s', async (_name, authorization, code) => {
      const response = await api.request('/api/v1/sites', {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe(code);
    });

    it('an expired token is refused with token_expired', async () => {
      const { JwtService } = await import('@nestjs/jwt');
      const jwt = api.app.get(JwtService);
      const me = (await api.request('/api/v1/auth/me', { token: tokens.manager })).body;
      const expired = jwt.sign({ sub: me.id, role: 'manager', name: 'x' }, { expiresIn: -10 });
      const response = await api.request('/api/v1/sites', { token: expired });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('token_expired');
    });

    it('a token signed with another secret is refused', async () => {
      const { JwtService } = await import('@nestjs/jwt');
      const forged = new JwtService({ secret: 'x'.repeat(40) }).sign({
        sub: sittel.id,
        role: 'admin',
        name: 'x',
      });
      const response = await api.request('/api/v1/users', { token: forged });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('invalid_token');
    });

    it('a refreshed token works; a disabled account is refused at once', async () => {
      const created = await api.request('/api/v1/users', {
        method: 'POST',
        token: tokens.admin,
        json: {
          email: 'temp@plateau.test',
          displayName: 'Temp',
          password: 'temporary-password',
          role: 'supervisor',
        },
      });
      const login = await api.request('/api/v1/auth/login', {
        method: 'POST',
        json: { email: 'temp@plateau.test', password: 'temporary-password' },
      });
      const refreshed = await api.request('/api/v1/auth/refresh', {
        method: 'POST',
        token: login.body.accessToken,
      });
      expect(refreshed.status).toBe(200);
      expect((await api.request('/api/v1/sites', { token: refreshed.body.accessToken })).status).toBe(200);
      await api.request(`/api/v1/users/${created.body.id}`, {
        method: 'PATCH',
        token: tokens.admin,
        json: { active: false },
      });
      const refused = await api.request('/api/v1/sites', { token: refreshed.body.accessToken });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('account_disabled');
    });
  });

  describe('sign-in under attack', () => {
    const login = (email: string, password: string, address?: string) =>
      api.request('/api/v1/auth/login', {
        method: 'POST',
        json: { email, password },
        headers: address ? { 'x-forwarded-for': address } : {},
      });
    const createUser = (email: string, password: string) =>
      api.request('/api/v1/users', {
        method: 'POST',
        token: tokens.admin,
        json: { email, displayName: email, password, role: 'manager' },
      });
    const answer = (response: { status: number; body: { error: unknown } }) => [
      response.status,
      response.body.error,
    ];

    it('40 parallel wrong passwords from one address: exactly 5 are checked, the rest refused', async () => {
      await createUser('parallel@plateau.test', 'correct-horse-battery');
      const responses = await Promise.all(
        Array.from({ length: 40 }, () => login('parallel@plateau.test', 'wrong-password', '203.0.113.7')),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(35);
      const refused = responses.find((response) => response.status === 429)!;
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // the right password from the attacker's address waits too...
      expect((await login('parallel@plateau.test', 'correct-horse-battery', '203.0.113.7')).status).toBe(429);
      // ...but the owner, elsewhere, signs in: the attacker cannot lock the account for its owner
      expect((await login('parallel@plateau.test', 'correct-horse-battery', '198.51.100.20')).status).toBe(
        200,
      );
    });

    it('keeps no per-account lock anyone could trigger: app_user has no failed-login counter or lock', async () => {
      const columns: Array<{ column_name: string }> = await api.app
        .get((await import('typeorm')).DataSource)
        .query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'app_user'`);
      const names = columns.map((column) => column.column_name);
      expect(names).toContain('password_hash');
      expect(names).not.toContain('failed_logins');
      expect(names).not.toContain('locked_until');
    });

    it('unknown, wrong, disabled and throttled answer the same to an anonymous caller', async () => {
      await createUser('same@plateau.test', 'correct-horse-battery');
      const disabled = await createUser('disabled@plateau.test', 'correct-horse-battery');
      await api.request(`/api/v1/users/${disabled.body.id}`, {
        method: 'PATCH',
        token: tokens.admin,
        json: { active: false },
      });
      const unknown: unknown[] = [];
      const wrong: unknown[] = [];
      for (let attempt = 0; attempt < 7; attempt++) {
        unknown.push(answer(await login('nobody-here@plateau.test', 'wrong-password', '203.0.113.8')));
        wrong.push(answer(await login('same@plateau.test', 'wrong-password', '203.0.113.8')));
      }
      expect(wrong).toEqual(unknown);
      expect(wrong.slice(0, 5)).toEqual(
        Array(5).fill(answer(await login('nobody@x.test', 'x', '203.0.113.9'))),
      );
      expect(wrong[5]).toEqual([429, expect.objectContaining({ code: 'rate_limited' })]);
      expect(answer(await login('disabled@plateau.test', 'correct-horse-battery', '203.0.113.10'))).toEqual(
        answer(await login('same@plateau.test', 'wrong-password', '203.0.113.10')),
      );
    });
  });

  describe('partner API keys and isolation', () => {
    let key: string;
    let keyId: string;

    beforeAll(async () => {
      const created = await api.request('/api/v1/api-keys', {
        method: 'POST',
        token: tokens.admin,
        json: { partnerId: sittel.id, name: 'Sittel dialer' },
      });
      expect(created.status).toBe(201);
      key = created.body.key;
      keyId = created.body.id;
    });

    it('shows the key once and stores only a hash', async () => {
      const listed = await api.request(`/api/v1/api-keys?partnerId=${sittel.id}`, { token: tokens.admin });
      expect(JSON.stringify(listed.body)).not.toContain(key);
      const [row] = await api.app
        .get((await import('typeorm')).DataSource)
        .query('SELECT secret_hash FROM api_key WHERE id = $1', [keyId]);
      expect(row.secret_hash).not.toContain(key.split('_')[2]);
    });

    it('a key sees its own sites only, through list, filters and pagination', async () => {
      const auth = { authorization: `ApiKey ${key}` };
      const all = await api.request('/api/v1/sites?limit=200', { headers: auth });
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBeGreaterThan(0);
      expect(all.body.items.every((s: { partnerId: string }) => s.partnerId === sittel.id)).toBe(true);
      expect(all.body.total).toBe(all.body.items.length);
      const filtered = await api.request(`/api/v1/sites?partnerId=${webhelp.id}`, { headers: auth });
      expect(filtered.body).toMatchObject({ items: [], total: 0 });
      const paged = await api.request('/api/v1/sites?limit=1&offset=1', { headers: auth });
      expect(paged.body.items.every((s: { partnerId: string }) => s.partnerId === sittel.id)).toBe(true);
      const partners = await api.request('/api/v1/partners', { headers: auth });
      expect(partners.body.items.map((p: { id: string }) => p.id)).toEqual([sittel.id]);
    });

    it("another partner's site is a 404 on every route, read or write, and nothing changes", async () => {
      const auth = { authorization: `ApiKey ${key}` };
      const seats = (
        await api.request(`/api/v1/sites/${webhelpSite.id}/seats?limit=1`, { token: tokens.admin })
      ).body.items;
      const before = await auditCount();
      const attempts: Array<[string, string, unknown?]> = [
        ['GET', `/api/v1/sites/${webhelpSite.id}`],
        ['GET', `/api/v1/sites/${webhelpSite.id}/seats`],
        ['POST', `/api/v1/sites/${webhelpSite.id}/seats`, { labels: ['INTRUDER'] }],
        ['PATCH', `/api/v1/seats/${seats[0].id}`, { active: false }],
        ['GET', `/api/v1/partners/${webhelp.id}`],
      ];
      for (const [method, path, json] of attempts) {
        const response = await api.request(path, { method, headers: auth, json });
        expect(response.status, `${method} ${path}`).toBe(404);
      }
      const seat = await api.request(`/api/v1/sites/${webhelpSite.id}/seats?limit=1`, {
        token: tokens.admin,
      });
      expect(seat.body.items[0].active).toBe(true);
      expect(seat.body.total).toBe(
        (await api.request(`/api/v1/sites/${webhelpSite.id}`, { token: tokens.admin })).body.installedSeats,
      );
      expect(await auditCount()).toBe(before);
    });

    it('a supervisor scoped to some sites sees only those', async () => {
      const created = await api.request('/api/v1/users', {
        method: 'POST',
        token: tokens.admin,
        json: {
          email: 'scoped@plateau.test',
          displayName: 'Scoped',
          password: 'scoped-password',
          role: 'supervisor',
          siteIds: [webhelpSite.id],
        },
      });
      expect(created.status).toBe(201);
      const login = await api.request('/api/v1/auth/login', {
        method: 'POST',
        json: { email: 'scoped@plateau.test', password: 'scoped-password' },
      });
      const token = login.body.accessToken;
      const sites = await api.request('/api/v1/sites', { token });
      expect(sites.body.items.map((s: { id: string }) => s.id)).toEqual([webhelpSite.id]);
      expect((await api.request(`/api/v1/sites/${sittelSite.id}`, { token })).status).toBe(404);
    });

    it('refuses a user referring to unknown sites or a partner user without partner', async () => {
      const unknownSite = await api.request('/api/v1/users', {
        method: 'POST',
        token: tokens.admin,
        json: {
          email: 'x1@plateau.test',
          displayName: 'X',
          password: 'long-enough-pw',
          role: 'supervisor',
          siteIds: ['00000000-0000-4000-8000-000000000000'],
        },
      });
      expect(unknownSite.status).toBe(400);
      expect(unknownSite.body.error.code).toBe('unknown_site');
      const noPartner = await api.request('/api/v1/users', {
        method: 'POST',
        token: tokens.admin,
        json: { email: 'x2@plateau.test', displayName: 'X', password: 'long-enough-pw', role: 'partner' },
      });
      expect(noPartner.status).toBe(400);
      expect(noPartner.body.error.code).toBe('partner_required');
      // the partner is looked up through the network's SiteDirectory (identity's NetworkReferences port)
      const unknownPartner = await api.request('/api/v1/users', {
        method: 'POST',
        token: tokens.admin,
        json: {
          email: 'x3@plateau.test',
          displayName: 'X',
          password: 'long-enough-pw',
          role: 'partner',
          partnerId: '00000000-0000-4000-8000-000000000000',
        },
      });
      expect(unknownPartner.status).toBe(400);
      expect(unknownPartner.body.error).toMatchObject({
        code: 'unknown_partner',
        details: { field: 'partnerId' },
      });
      const keyOfNoPartner = await api.request('/api/v1/api-keys', {
        method: 'POST',
        token: tokens.admin,
        json: { partnerId: '00000000-0000-4000-8000-000000000000', name: 'nobody' },
      });
      expect(keyOfNoPartner.status).toBe(400);
      expect(keyOfNoPartner.body.error.code).toBe('unknown_partner');
      const users = await api.request('/api/v1/users?limit=200', { token: tokens.admin });
      const emails = users.body.items.map((u: { email: string }) => u.email);
      expect(emails).not.toContain('x1@plateau.test');
      expect(emails).not.toContain('x3@plateau.test');
      const keys = await api.request('/api/v1/api-keys?limit=200', { token: tokens.admin });
      expect(keys.body.items.map((k: { name: string }) => k.name)).not.toContain('nobody');
    });

    it('a partner user is isolated the same way', async () => {
      const response = await api.request(`/api/v1/sites/${webhelpSite.id}`, { token: tokens.partner });
      expect(response.status).toBe(404);
      const own = await api.request(`/api/v1/sites/${sittelSite.id}`, { token: tokens.partner });
      expect(own.status).toBe(200);
    });

    it('a revoked key gets 401 api_key_revoked', async () => {
      const extra = await api.request('/api/v1/api-keys', {
        method: 'POST',
        token: tokens.admin,
        json: { partnerId: sittel.id, name: 'to revoke' },
      });
      const revoked = await api.request(`/api/v1/api-keys/${extra.body.id}/revoke`, {
        method: 'POST',
        token: tokens.admin,
      });
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      const response = await api.request('/api/v1/sites', {
        headers: { authorization: `ApiKey ${extra.body.key}` },
      });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('api_key_revoked');
    });

    it('records last use of a key', async () => {
      const listed = await api.request(`/api/v1/api-keys?partnerId=${sittel.id}`, { token: tokens.admin });
      expect(listed.body.items.find((k: { id: string }) => k.id === keyId).lastUsedAt).toEqual(
        expect.any(String),
      );
    });
  });

  describe('audit trail', () => {
    it('writes who did what to which record, from where, for writes; none for refused writes or reads', async () => {
      const before = await auditCount();
      await api.request('/api/v1/sites', { token: tokens.manager });
      const refused = await api.request(`/api/v1/sites/${sittelSite.id}`, {
        method: 'PATCH',
        token: tokens.manager,
        json: { city: 'Nowhere' },
      });
      expect(refused.status).toBe(403);
      const invalid = await api.request(`/api/v1/sites/${sittelSite.id}`, {
        method: 'PATCH',
        token: tokens.admin,
        json: { installedSeats: -5 },
      });
      expect(invalid.status).toBe(400);
      expect(await auditCount()).toBe(before);

      const done = await api.request(`/api/v1/sites/${sittelSite.id}`, {
        method: 'PATCH',
        token: tokens.admin,
        json: { city: 'Casablanca' },
        headers: { 'x-request-id': 'audit-test-1' },
      });
      expect(done.status).toBe(200);
      const events = await api.request(`/api/v1/audit-events?entity=sites&entityId=${sittelSite.id}`, {
        token: tokens.admin,
      });
      expect(events.body.items[0]).toMatchObject({
        actorLabel: 'admin@plateau.demo',
        role: 'admin',
        action: 'PATCH /api/v1/sites/:id',
        entity: 'sites',
        entityId: sittelSite.id,
        status: 200,
        ip: '127.0.0.1',
        requestId: 'audit-test-1',
      });
      const byActor = await api.request(
        `/api/v1/audit-events?actorId=${events.body.items[0].actorId}&limit=200`,
        {
          token: tokens.admin,
        },
      );
      expect(
        byActor.body.items.every((e: { actorLabel: string }) => e.actorLabel === 'admin@plateau.demo'),
      ).toBe(true);
    });

    it('records the address a trusted proxy forwarded', async () => {
      await api.request(`/api/v1/sites/${sittelSite.id}`, {
        method: 'PATCH',
        token: tokens.admin,
        json: { city: 'Casablanca' },
        headers: { 'x-request-id': 'audit-test-2', 'x-forwarded-for': '192.0.2.44' },
      });
      const events = await api.request('/api/v1/audit-events?limit=5', { token: tokens.admin });
      const event = events.body.items.find((e: { requestId: string }) => e.requestId === 'audit-test-2');
      expect(event.ip).toBe('192.0.2.44');
    });
  });

  it('sends security headers and refuses cross-origin by default', async () => {
    const response = await api.request('/health/live', { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limiting', () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '4', API_KEY_RATE_LIMIT_PER_MINUTE: '5' });
    admin = await api.tokenFor('admin');
  });
  afterAll(() => api?.close());

  it('answers 429 with Retry-After once an address exceeds the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await api.request('/api/v1/auth/login', {
            method: 'POST',
            json: { email: 'x@plateau.demo', password: 'x' },
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('without TRUST_PROXY, a forged X-Forwarded-For neither escapes the limit nor reaches the audit trail', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push(
        (
          await api.request('/api/v1/auth/login', {
            method: 'POST',
            json: { email: 'x@plateau.demo', password: 'x' },
            headers: { 'x-forwarded-for': `198.18.0.${i + 1}` },
          })
        ).status,
      );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(26);
    const partners = (await api.request('/api/v1/partners', { token: admin })).body.items;
    await api.request(`/api/v1/partners/${partners[0].id}`, {
      method: 'PATCH',
      token: admin,
      json: { name: partners[0].name },
      headers: { 'x-forwarded-for': '192.0.2.45', 'x-request-id': 'forged-address' },
    });
    const events = await api.request('/api/v1/audit-events?limit=5', { token: admin });
    const event = events.body.items.find((e: { requestId: string }) => e.requestId === 'forged-address');
    expect(event.ip).toBe('127.0.0.1');
  });

  it('limits each API key per minute', async () => {
    const partners = (await api.request('/api/v1/partners', { token: admin })).body.items;
    const created = await api.request('/api/v1/api-keys', {
      method: 'POST',
      token: admin,
      json: { partnerId: partners[0].id, name: 'busy dialer' },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await api.request('/api/v1/sites', { headers: { authorization: `ApiKey ${created.body.key}` } }))
          .status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

/**
 * Every read route, walked as a supervisor limited to one site and as a partner: another site's,
 * partner's, campaign's, import's, queue's, alert's, contract's or invoice line's id is not found
 * (or the scope is forbidden), and no answer the caller gets carries any of them, nor the number of
 * a customer called from a site outside the scope. A GET route added without a case fails the walk.
 */
describe('every read route under the caller’s scope (HTTP and socket rooms)', () => {
  let api: TestApi;
  let admin: string;
  let manager: string;
  let partner: string;
  let partner2: string;
  let supervisor: string;
  let ids: Record<string, string>;
  /** what each caller must never see: ids outside its scope, numbers called from elsewhere */
  const foreign: Record<'supervisor' | 'partner', string[]> = { supervisor: [], partner: [] };
  const sockets: LiveClient[] = [];

  const call = (method: string, path: string, token: string, json?: unknown) =>
    api.request(`/api/v1${path}`, { method, token, json });
  const ok = async (method: string, path: string, token: string, json?: unknown) => {
    const response = await call(method, path, token, json);
    expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
    return response.body;
  };

  beforeAll(async () => {
    api = await startTestApi({ PROCESS_JOBS_IN_API: 'true' });
    [admin, manager, partner, partner2] = await Promise.all(
      (['admin', 'manager', 'partner', 'partner2'] as const).map((role) => api.tokenFor(role)),
    );
    const network = await demoNetwork(api);
    const sittel = network.partner('Sittel');
    const webhelp = network.partner('Webhelp');
    const [ownSite, sisterSite] = network.sites.filter((site) => site.partnerId === sittel.id);
    const foreignSite = network.siteOf('Webhelp');
    await ok('POST', '/users', admin, {
      email: 'walked@plateau.test',
      displayName: 'Walked',
      password: 'walked-password',
      role: 'supervisor',
      siteIds: [ownSite.id],
    });
    supervisor = (
      await ok('POST', '/auth/login', '', { email: 'walked@plateau.test', password: 'walked-password' })
    ).accessToken;

    // campaigns: one worked by the supervisor's site and Webhelp's, one by Webhelp's alone
    const campaign = async (name: string, sites: string[]) =>
      (
        await ok('POST', '/campaigns', manager, {
          name,
          product: 'prevoyance-obseques',
          objective: 'cross-sell',
          targetVolume: 100,
          callerNumber: '01 62 00 00 01',
          contractOffers: ['prevoyance', 'obseques'],
          allocationStrategy: 'proportional_capacity',
          sites: sites.map((siteId) => ({ siteId, costPerHour: 15 })),
        })
      ).id as string;
    const shared = await campaign('Walk shared', [ownSite.id, foreignSite.id]);
    const elsewhere = await campaign('Walk elsewhere', [foreignSite.id]);
    const importInto = async (campaignId: string, first: number) => {
      const started = await api.request(`/api/v1/campaigns/${campaignId}/contacts`, {
        method: 'POST',
        token: manager,
        headers: { 'content-type': 'text/csv' },
        body: csvOf(contactRows(10, first)),
      });
      await waitFor(
        () => call('GET', `/imports/${started.body.id}`, manager),
        (response) => response.body.status === 'completed',
      );
      return started.body.id as string;
    };
    const sharedImport = await importInto(shared, 7000);
    const foreignImport = await importInto(elsewhere, 8000);
    await ok('POST', `/campaigns/${shared}/launch`, manager);
    await ok('POST', `/campaigns/${elsewhere}/launch`, manager);
    const clock = api.app.get(Clock);
    const realNow = clock.now.bind(clock);
    pinClock(api.app, LAWFUL_MOMENT);
    const called: Record<string, string[]> = {};
    try {
      for (const [siteId, token, campaignId] of [
        [ownSite.id, partner, shared],
        [foreignSite.id, partner2, shared],
        [foreignSite.id, partner2, elsewhere],
      ]) {
        const lease = await ok('POST', `/sites/${siteId}/batches/lease`, token, { size: 2, campaignId });
        expect(lease.contacts.length).toBeGreaterThan(0);
        await ok('POST', `/batches/${lease.id}/outcomes`, token, {
          outcomes: lease.contacts.map((contact: { contactId: string }) => ({
            contactId: contact.contactId,
            outcome: 'reached',
          })),
        });
        (called[siteId] ??= []).push(...lease.contacts.map((contact: { phone: string }) => contact.phone));
      }
    } finally {
      clock.now = realNow;
    }

    // planning queues, alerts, contracts and invoice lines on both sides
    const queue = async (name: string, sites: Array<{ siteId: string; share: number }>) =>
      (
        await ok('POST', '/planning/queues', manager, {
          name,
          ahtSeconds: 240,
          target: { kind: 'service_level', seconds: 20, level: 0.8 },
          maxOccupancy: 0.9,
          sites,
        })
      ).id as string;
    const alerts = api.app.get(AlertsService);
    const alert = async (siteId: string) =>
      (await alerts.raise({ kind: 'walk.test', siteId, dedupeKey: siteId, message: 'walk' })).alert.id;
    const contract = async (partnerId: string) =>
      (
        await ok(
          'POST',
          '/billing/contracts',
          manager,
          contractBody(partnerId, `Walk ${partnerId.slice(0, 8)}`),
        )
      ).id as string;
    const line = async (siteId: string, token: string) =>
      (
        await ok('POST', '/billing/invoice-lines', token, {
          lines: [{ siteId, period: '2026-03-02', hours: 1, amount: 100, reference: `W-${siteId}` }],
        })
      )[0].id as string;
    const reports = await ok('GET', `/staffing-reports?siteId=${ownSite.id}&limit=1`, admin);
    ids = {
      ownSite: ownSite.id,
      sisterSite: sisterSite.id,
      foreignSite: foreignSite.id,
      sittel: sittel.id,
      webhelp: webhelp.id,
      shared,
      elsewhere,
      sharedImport,
      foreignImport,
      sharedQueue: await queue('Walk shared', [
        { siteId: ownSite.id, share: 0.5 },
        { siteId: foreignSite.id, share: 0.5 },
      ]),
      foreignQueue: await queue('Walk elsewhere', [{ siteId: foreignSite.id, share: 1 }]),
      ownAlert: await alert(ownSite.id),
      foreignAlert: await alert(foreignSite.id),
      ownContract: await contract(sittel.id),
      foreignContract: await contract(webhelp.id),
      ownLine: await line(ownSite.id, partner),
      foreignLine: await line(foreignSite.id, partner2),
      period: reports.items[0]?.period ?? '2026-11-02',
      phone: called[foreignSite.id][0],
    };
    const others = [
      ...network.sites.filter((site) => site.partnerId !== sittel.id).map((site) => site.id),
      ...network.partners.filter((p) => p.id !== sittel.id).map((p) => p.id),
      ...called[foreignSite.id],
      ...['elsewhere', 'foreignImport', 'foreignQueue', 'foreignAlert', 'foreignContract', 'foreignLine'].map(
        (key) => ids[key],
      ),
    ];
    foreign.partner = others;
    foreign.supervisor = [...others, sisterSite.id];
  }, 180_000);
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await api?.close();
  });

  /**
   * Per GET route: `own` paths answer 200 to a caller the route allows (403 to another role) and
   * `outside` paths 404 (or 403 for a forbidden live scope). `foreign` ids differ by caller: the
   * supervisor's scope is one Sittel site, the partner's every Sittel site.
   */
  type Walk = { own: string[]; outside?: string[] };
  const walks = (who: 'supervisor' | 'partner'): Record<string, Walk> => {
    const site = ids.ownSite;
    const away = who === 'supervisor' ? [ids.sisterSite, ids.foreignSite] : [ids.foreignSite];
    const sites = (suffix: string): Walk => ({
      own: [`/sites/${site}${suffix}`],
      outside: away.map((id) => `/sites/${id}${suffix}`),
    });
    const billingSites = (suffix: string): Walk => ({
      own: [`/billing/sites/${site}${suffix}`],
      outside: away.map((id) => `/billing/sites/${id}${suffix}`),
    });
    const byId = (base: string, own: string, outside: string, suffix = ''): Walk => ({
      own: [`${base}/${own}${suffix}`],
      outside: [`${base}/${outside}${suffix}`],
    });
    return {
      'GET alerts': { own: ['/alerts?limit=200', `/alerts?siteId=${ids.foreignSite}`] },
      'GET alerts/:id': byId('/alerts', ids.ownAlert, ids.foreignAlert),
      'GET billing/contracts': { own: ['/billing/contracts', `/billing/contracts?partnerId=${ids.webhelp}`] },
      'GET billing/contracts/:id': byId('/billing/contracts', ids.ownContract, ids.foreignContract),
      'GET billing/contracts/:id/rates': byId(
        '/billing/contracts',
        ids.ownContract,
        ids.foreignContract,
        '/rates?from=2026-01&to=2026-03',
      ),
      'GET billing/sites/:id/requested-hours': billingSites('/requested-hours?date=2026-03-02'),
      'GET billing/sites/:id/delivered': billingSites('/delivered?date=2026-03-02'),
      'GET billing/sites/:id/delivered-days': billingSites('/delivered-days?month=2026-03'),
      'GET billing/sites/:id/line-adherence': billingSites('/line-adherence?month=2026-03'),
      'GET billing/check': { own: ['/billing/check?month=2026-03'] },
      'GET billing/exchange-rates': {
        own: ['/billing/exchange-rates', '/billing/exchange-rates?currency=MAD'],
      },
      'GET billing/invoice-lines': {
        own: ['/billing/invoice-lines?month=2026-03', `/billing/invoice-lines?siteId=${ids.foreignSite}`],
      },
      'GET billing/invoice-lines/:id': byId('/billing/invoice-lines', ids.ownLine, ids.foreignLine),
      'GET campaigns': { own: ['/campaigns?limit=200'] },
      'GET campaigns/:id': byId('/campaigns', ids.shared, ids.elsewhere),
      'GET campaigns/:id/progress': byId('/campaigns', ids.shared, ids.elsewhere, '/progress'),
      'GET campaigns/:id/transparency': byId(
        '/campaigns',
        ids.shared,
        ids.elsewhere,
        '/transparency?limit=200',
      ),
      'GET campaigns/:id/verdict': byId('/campaigns', ids.shared, ids.elsewhere, '/verdict'),
      'GET campaigns/:id/share-history': byId('/campaigns', ids.shared, ids.elsewhere, '/share-history'),
      'GET imports/:id': byId('/imports', ids.sharedImport, ids.foreignImport),
      'GET consumers/calls': { own: [`/consumers/calls?phone=${encodeURIComponent(ids.phone)}`] },
      // managers' and admins' only: refused to the supervisor and the partner whatever the filters
      'GET compliance/report': { own: ['/compliance/report', `/compliance/report?partnerId=${ids.webhelp}`] },
      'GET compliance/attempts': {
        own: ['/compliance/attempts', `/compliance/attempts?siteId=${ids.foreignSite}`],
      },
      'GET suppressions/status': { own: ['/suppressions/status'] },
      'GET users': { own: ['/users'] },
      'GET api-keys': { own: ['/api-keys'] },
      'GET audit-events': { own: ['/audit-events'] },
      'GET auth/me': { own: ['/auth/me'] },
      'GET partners': { own: ['/partners?limit=200'] },
      'GET partners/:id': byId('/partners', ids.sittel, ids.webhelp),
      'GET sites': { own: ['/sites?limit=200', `/sites?partnerId=${ids.webhelp}`] },
      'GET sites/:id': sites(''),
      'GET sites/:id/seats': sites('/seats?limit=200'),
      'GET sites/:id/live': sites('/live'),
      'GET sites/:id/occupancy': sites('/occupancy'),
      'GET sites/:id/plans': sites('/plans'),
      'GET sites/:id/staffing-reports/:period': sites(`/staffing-reports/${ids.period}`),
      'GET live': {
        own: [`/live?scope=site&id=${site}`],
        outside: [
          '/live?scope=network',
          `/live?scope=partner&id=${ids.webhelp}`,
          `/live?scope=campaign&id=${ids.shared}`,
          ...away.map((id) => `/live?scope=site&id=${id}`),
        ],
      },
      'GET live/activity': {
        own: [`/live/activity?scope=site&id=${site}`],
        outside: [
          '/live/activity?scope=network',
          `/live/activity?scope=partner&id=${ids.webhelp}`,
          `/live/activity?scope=campaign&id=${ids.shared}`,
          ...away.map((id) => `/live/activity?scope=site&id=${id}`),
        ],
      },
      'GET walls/mine': { own: ['/walls/mine'] },
      'GET walls/mine/shares': { own: ['/walls/mine/shares'] },
      'GET headcount': {
        own: ['/headcount', '/headcount?groupBy=partner', `/headcount?partnerId=${ids.webhelp}`],
        outside: away.map((id) => `/headcount?siteId=${id}`),
      },
      'GET staffing-reports': {
        own: ['/staffing-reports?limit=200', `/staffing-reports?siteId=${ids.foreignSite}`],
      },
      'GET planning/capacity': { own: ['/planning/capacity', '/planning/capacity?groupBy=partner'] },
      'GET planning/queues': { own: ['/planning/queues'] },
      'GET planning/outbound': { own: ['/planning/outbound'] },
      'GET planning/queues/:id': byId('/planning/queues', ids.sharedQueue, ids.foreignQueue),
      'GET planning/queues/:id/volumes': byId(
        '/planning/queues',
        ids.sharedQueue,
        ids.foreignQueue,
        '/volumes',
      ),
      'GET planning/queues/:id/forecast': byId(
        '/planning/queues',
        ids.sharedQueue,
        ids.foreignQueue,
        '/forecast',
      ),
      'GET planning/queues/:id/pooling': byId(
        '/planning/queues',
        ids.sharedQueue,
        ids.foreignQueue,
        '/pooling',
      ),
      'GET planning/sites/:id/suggestions/:month': {
        own: [`/planning/sites/${site}/suggestions/2026-12`],
        outside: away.map((id) => `/planning/sites/${id}/suggestions/2026-12`),
      },
    };
  };
  /**
   * GET routes with no site data, or with their own guard: metrics (surfaces.e2e), a shared wall
   * read by its share token with its owner's rights (wallboard e2e)
   */
  const UNSCOPED = ['GET health/live', 'GET health/ready', 'GET metrics', 'GET walls/shared'];

  it('has a case for every GET route the api registers', () => {
    const registered = registeredRoutes(api.app)
      .filter((route) => route.method === 'GET')
      .map((route) => `GET ${route.path.replace(/^api\/v1\/?/, '')}`)
      .filter((route) => !UNSCOPED.includes(route));
    expect(registered.sort()).toEqual(Object.keys(walks('supervisor')).sort());
  });

  it.each(['supervisor', 'partner'] as const)(
    'as a %s: outside the scope is not found, and no answer carries anything from outside',
    async (who) => {
      const token = who === 'supervisor' ? supervisor : partner;
      const reflector = api.app.get(Reflector);
      const rules = new Map(
        registeredRoutes(api.app).map((route) => [
          `${route.method} ${route.path.replace(/^api\/v1\/?/, '')}`,
          reflector.getAllAndOverride(ACCESS_RULE, [route.handler, route.controller]) as {
            roles?: readonly string[];
          },
        ]),
      );
      const problems: string[] = [];
      for (const [route, walk] of Object.entries(walks(who))) {
        const allowed = rules.get(route)?.roles?.includes(who) ?? false;
        for (const [path, expected] of [
          ...walk.own.map((path) => [path, allowed ? [200] : [403]] as const),
          ...(walk.outside ?? []).map((path) => [path, allowed ? [403, 404] : [403]] as const),
        ]) {
          const response = await call('GET', path, token);
          if (!expected.includes(response.status))
            problems.push(`${route} ${path}: ${response.status}, expected ${expected.join('/')}`);
          if (response.status < 300) {
            const leaked = foreign[who].filter((value) => response.text.includes(value));
            if (leaked.length) problems.push(`${route} ${path} shows ${leaked.join(', ')}`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
    120_000,
  );

  it.each(['supervisor', 'partner'] as const)(
    'as a %s over sockets: refused the rooms outside the scope, and no event from outside arrives',
    async (who) => {
      const token = who === 'supervisor' ? supervisor : partner;
      const socket = await connectLive(api.baseUrl, { token });
      sockets.push(socket);
      const received: string[] = [];
      socket.onAny((event: string, payload: unknown) => received.push(`${event} ${JSON.stringify(payload)}`));
      expect(await subscribe(socket, { scope: 'site', id: ids.ownSite })).toMatchObject({ ok: true });
      const refusals = [
        { scope: 'network' as const },
        { scope: 'partner' as const, id: ids.webhelp },
        { scope: 'campaign' as const, id: ids.shared },
        { scope: 'site' as const, id: ids.foreignSite },
        ...(who === 'supervisor' ? [{ scope: 'site' as const, id: ids.sisterSite }] : []),
      ];
      for (const request of refusals)
        expect(await subscribe(socket, request), JSON.stringify(request)).toMatchObject({ ok: false });
      if (who === 'partner')
        expect(await subscribe(socket, { scope: 'partner', id: ids.sittel })).toMatchObject({ ok: true });
      // activity everywhere: seats, alerts and staffing on every site
      const network = await demoNetwork(api);
      for (const site of network.sites) {
        await postSeatEvents(
          api,
          site.id,
          [{ seatId: site.seats[0], state: 'on_call', at: isoAgo(1) }],
          admin,
        );
        await api.app.get(AlertsService).raise({
          kind: `walk.socket.${who}`,
          siteId: site.id,
          dedupeKey: site.id,
          message: 'walk',
        });
      }
      await expect
        .poll(() => received.some((line) => line.startsWith('alert.opened') && line.includes(ids.ownSite)), {
          timeout: 10_000,
        })
        .toBe(true);
      await expect
        .poll(() => received.some((line) => line.startsWith('site.occupancy')), { timeout: 10_000 })
        .toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const leaked = received.filter((line) => foreign[who].some((value) => line.includes(value)));
      expect(leaked).toEqual([]);
    },
    60_000,
  );
});
