import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '#alerts';
import type { AlertEvent } from '#contracts';
import { EventBus } from '#core';
import { startTestApi, TestApi } from '../support/test-api.js';

describe('stored alerts (libs/alerts) over HTTP', () => {
  let api: TestApi;
  let alerts: AlertsService;
  let sites: Array<{ id: string; partnerId: string; partnerName: string; name: string }>;
  const events: Array<{ name: string; payload: AlertEvent }> = [];

  beforeAll(async () => {
    api = await startTestApi();
    alerts = api.app.get(AlertsService);
    const bus = api.app.get(EventBus);
    bus.on('alert.opened', (payload) => events.push({ name: 'alert.opened', payload }));
    bus.on('alert.resolved', (payload) => events.push({ name: 'alert.resolved', payload }));
    sites = (await api.request('/api/v1/sites?limit=200', { token: await api.tokenFor('admin') })).body.items;
  });
  afterAll(() => api?.close());

  const site = (name: string) => sites.find((s) => s.name === name)!;
  const list = async (role: 'admin' | 'partner' | 'partner2' | 'supervisor', query = '') =>
    (await api.request(`/api/v1/alerts?kind=test.alert${query}`, { token: await api.tokenFor(role) })).body;

  it('raises once per (kind, dedupe key) while open, resolves, and can open again', async () => {
    const casa = site('Sittel Casablanca');
    const first = await alerts.raise({
      kind: 'test.alert',
      siteId: casa.id,
      dedupeKey: `site:${casa.id}`,
      message: 'first',
      details: { n: 1 },
    });
    const again = await alerts.raise({
      kind: 'test.alert',
      siteId: casa.id,
      dedupeKey: `site:${casa.id}`,
      message: 'refreshed',
      details: { n: 2 },
    });
    expect(first.opened).toBe(true);
    expect(first.alert.partnerId).toBe(casa.partnerId);
    expect(again).toMatchObject({ opened: false, alert: { id: first.alert.id, message: 'refreshed' } });
    expect(events.filter((e) => e.name === 'alert.opened' && e.payload.id === first.alert.id)).toHaveLength(
      1,
    );

    expect((await list('admin', '&status=open')).items).toEqual([
      expect.objectContaining({ id: first.alert.id, details: { n: 2 }, resolvedAt: null }),
    ]);

    const resolved = await alerts.resolve('test.alert', `site:${casa.id}`);
    expect(resolved?.id).toBe(first.alert.id);
    expect(await alerts.resolve('test.alert', `site:${casa.id}`)).toBeNull();
    expect(events.filter((e) => e.name === 'alert.resolved' && e.payload.id === first.alert.id)).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ resolvedAt: expect.any(String) }) }),
    ]);
    expect((await list('admin', '&status=open')).total).toBe(0);
    expect((await list('admin', '&status=resolved')).items[0]).toMatchObject({ id: first.alert.id });

    const reopened = await alerts.raise({
      kind: 'test.alert',
      siteId: casa.id,
      dedupeKey: `site:${casa.id}`,
      message: 'again',
    });
    expect(reopened.opened).toBe(true);
    expect(reopened.alert.id).not.toBe(first.alert.id);
    await alerts.resolveAllExcept('test.alert', []);
    expect(await alerts.openOf('test.alert')).toEqual([]);
  });

  it('shows a partner only the alerts of its own sites (404 for the others)', async () => {
    const sittel = site('Sittel Mohammedia');
    const webhelp = site('Webhelp Rabat');
    const ours = await alerts.raise({
      kind: 'test.alert',
      siteId: sittel.id,
      dedupeKey: 's',
      message: 'sittel',
    });
    const theirs = await alerts.raise({
      kind: 'test.alert',
      siteId: webhelp.id,
      dedupeKey: 'w',
      message: 'webhelp',
    });
    await alerts.raise({ kind: 'test.alert', dedupeKey: 'network', message: 'network-wide' });

    const forSittel = await list('partner', '&status=open');
    expect(forSittel.items.map((a: AlertEvent) => a.message)).toEqual(['sittel']);
    expect((await list('admin', '&status=open')).total).toBe(3);
    expect((await list('supervisor', `&status=open&siteId=${webhelp.id}`)).items).toHaveLength(1);

    const partner = await api.tokenFor('partner');
    expect((await api.request(`/api/v1/alerts/${ours.alert.id}`, { token: partner })).status).toBe(200);
    const hidden = await api.request(`/api/v1/alerts/${theirs.alert.id}`, { token: partner });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('alert_not_found');
  });

  it('refuses bad filters with a 400 and needs credentials', async () => {
    const bad = await api.request('/api/v1/alerts?status=maybe', { token: await api.tokenFor('admin') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await api.request('/api/v1/alerts')).status).toBe(401);
  });
});
