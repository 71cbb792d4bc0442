import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, TestApi } from '../support/test-api.js';

describe('network api over HTTP', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor('admin');
  });
  afterAll(() => api?.close());

  const countSites = async () =>
    (await api.request('/api/v1/sites?limit=1', { token: admin })).body.total as number;

  it('serves the seeded demo network: 400 outsourced seats in Morocco, the in-house centre, one onshore site', async () => {
    const { status, body } = await api.request('/api/v1/sites?limit=200', { token: admin });
    expect(status).toBe(200);
    const sites = body.items as Array<{
      partnerName: string;
      city: string;
      installedSeats: number;
      onshore: boolean;
    }>;
    const outsourcedOffshore = sites.filter((s) => !s.onshore && !s.partnerName.includes('in-house'));
    expect(outsourcedOffshore.reduce((sum, s) => sum + s.installedSeats, 0)).toBe(400);
    expect(new Set(outsourcedOffshore.map((s) => s.city))).toEqual(
      new Set(['Casablanca', 'Meknès', 'Mohammedia', 'Rabat']),
    );
    expect(sites.find((s) => s.partnerName.includes('in-house'))).toMatchObject({
      city: 'Rabat',
      installedSeats: 100,
    });
    expect(sites.filter((s) => s.onshore)).toHaveLength(1);
  });

  it('creates, reads and changes a partner, a site and its seats', async () => {
    const partner = await api.request('/api/v1/partners', {
      method: 'POST',
      token: admin,
      json: { name: 'Nouveau Partenaire', kind: 'outsourcer' },
    });
    expect(partner.status).toBe(201);
    const site = await api.request('/api/v1/sites', {
      method: 'POST',
      token: admin,
      json: {
        partnerId: partner.body.id,
        name: 'NP Fès',
        city: 'Fès',
        country: 'ma',
        timeZone: 'Africa/Casablanca',
        installedSeats: 2,
        openedOn: '2011-01-10',
      },
    });
    expect(site.status).toBe(201);
    expect(site.body).toMatchObject({
      country: 'MA',
      status: 'active',
      onshore: false,
      openedOn: '2011-01-10',
    });
    const seats = await api.request(`/api/v1/sites/${site.body.id}/seats`, {
      method: 'POST',
      token: admin,
      json: { labels: ['F-1', 'F-2'] },
    });
    expect(seats.status).toBe(201);
    expect(seats.body).toHaveLength(2);

    const tooMany = await api.request(`/api/v1/sites/${site.body.id}/seats`, {
      method: 'POST',
      token: admin,
      json: { labels: ['F-3'] },
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('seat_capacity_exceeded');

    const shrink = await api.request(`/api/v1/sites/${site.body.id}`, {
      method: 'PATCH',
      token: admin,
      json: { installedSeats: 1 },
    });
    expect(shrink.status).toBe(409);
    const grow = await api.request(`/api/v1/sites/${site.body.id}`, {
      method: 'PATCH',
      token: admin,
      json: { installedSeats: 3 },
    });
    expect(grow.status).toBe(200);
    expect(grow.body.installedSeats).toBe(3);

    const list = await api.request(`/api/v1/sites/${site.body.id}/seats?limit=1&offset=1`, { token: admin });
    expect(list.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(list.body.items[0].label).toBe('F-2');
  });

  describe('bad input gets a 4xx that says what is wrong, and changes nothing', () => {
    const site = (overrides: Record<string, unknown>) => ({
      partnerId: '00000000-0000-4000-8000-000000000000',
      name: 'S',
      city: 'C',
      country: 'MA',
      timeZone: 'Africa/Casablanca',
      installedSeats: 1,
      ...overrides,
    });
    const cases: Array<[string, string, string, unknown, number, string]> = [
      ['unknown route', 'GET', '/api/v1/nowhere', undefined, 404, 'route_not_found'],
      ['malformed UUID', 'GET', '/api/v1/sites/not-a-uuid', undefined, 400, 'invalid_id'],
      [
        'unknown site',
        'GET',
        '/api/v1/sites/00000000-0000-4000-8000-000000000000',
        undefined,
        404,
        'site_not_found',
      ],
      ['limit out of range', 'GET', '/api/v1/sites?limit=100000', undefined, 400, 'validation_failed'],
      ['negative offset', 'GET', '/api/v1/sites?offset=-1', undefined, 400, 'validation_failed'],
      ['unknown query field', 'GET', '/api/v1/sites?colour=red', undefined, 400, 'validation_failed'],
      [
        'unknown body field',
        'POST',
        '/api/v1/partners',
        { name: 'X', kind: 'outsourcer', evil: true },
        400,
        'validation_failed',
      ],
      ['bad enum', 'POST', '/api/v1/partners', { name: 'X', kind: 'franchise' }, 400, 'validation_failed'],
      [
        'out-of-range number',
        'POST',
        '/api/v1/sites',
        site({ installedSeats: 1e9 }),
        400,
        'validation_failed',
      ],
      [
        'bad time zone',
        'POST',
        '/api/v1/sites',
        site({ timeZone: 'Mars/Olympus' }),
        400,
        'validation_failed',
      ],
      ['unknown partner', 'POST', '/api/v1/sites', site({}), 400, 'unknown_partner'],
      [
        'impossible date',
        'POST',
        '/api/v1/sites',
        site({ openedOn: '2010-02-31' }),
        400,
        'validation_failed',
      ],
      [
        'duplicate partner',
        'POST',
        '/api/v1/partners',
        { name: 'sittel', kind: 'outsourcer' },
        409,
        'partner_name_taken',
      ],
    ];

    it.each(cases)('%s', async (_name, method, path, json, status, code) => {
      const before = await countSites();
      const response = await api.request(path, { method, token: admin, json });
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toEqual(expect.any(String));
      expect(await countSites()).toBe(before);
    });

    it('malformed JSON', async () => {
      const response = await api.request('/api/v1/partners', {
        method: 'POST',
        token: admin,
        headers: { 'content-type': 'application/json' },
        body: '{"name": "Broken",',
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_json');
      const partners = await api.request('/api/v1/partners?limit=200', { token: admin });
      expect(partners.body.items.map((p: { name: string }) => p.name)).not.toContain('Broken');
    });
  });

  it('serves OpenAPI describing the routes', async () => {
    const { status, body } = await api.request('/api/docs/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/sites', '/api/v1/sites/{id}', '/api/v1/partners']),
    );
    expect(body.components.schemas.SiteResponse.properties).toHaveProperty('timeZone');
  });

  it('health and metrics', async () => {
    expect((await api.request('/health/live')).status).toBe(200);
    expect((await api.request('/health/ready')).body).toMatchObject({ status: 'ok' });
    const metrics = await api.request('/metrics');
    expect(metrics.text).toContain('plateau_http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/route="\/api\/v1\/sites"/);
  });
});
