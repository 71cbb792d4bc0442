import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNetwork, type DemoSite } from '../support/live.js';
import { startTestApi, type TestApi, type TestResponse } from '../support/test-api.js';

/** The outside review of the wave's new routes (h-review): refusals a clear 4xx that change nothing. */
let api: TestApi;
let manager: string;
let partner: string;
let sittel: DemoSite;

function expectRefused(response: TestResponse, status: number, field: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(response.text).toContain(field);
}

beforeAll(async () => {
  api = await startTestApi();
  manager = await api.tokenFor('manager');
  partner = await api.tokenFor('partner');
  sittel = (await demoNetwork(api)).siteOf('Sittel');
});
afterAll(() => api?.close());

describe('exchange rates', () => {
  it('refuses a rate with more than 8 decimals (exponent form too) instead of a 500, and stores nothing', async () => {
    const put = (json: unknown) =>
      api.request('/api/v1/billing/exchange-rates', { method: 'PUT', token: manager, json });
    for (const eurPerUnit of [1e-320, 1e-9, 4e-9, 0.123456789]) {
      const refused = await put({ currency: 'MAD', month: '2026-05', eurPerUnit });
      expectRefused(refused, 400, 'eurPerUnit');
    }
    const listed = await api.request('/api/v1/billing/exchange-rates?currency=MAD&versions=all', {
      token: manager,
    });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toEqual([]);
    const kept = await put({ currency: 'MAD', month: '2026-05', eurPerUnit: 1.5e-7 });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body).toMatchObject({ eurPerUnit: 1.5e-7, version: 1 });
  });
});

describe('invoice lines', () => {
  const invoiceLines = async () =>
    (await api.request('/api/v1/billing/invoice-lines?limit=200', { token: partner })).body;

  it('refuses hours or amounts with more than 2 decimals in exponent form, sent as JSON or in a CSV, instead of a 500', async () => {
    const before = await invoiceLines();
    for (const amount of [1e-320, 1e-10]) {
      const refused = await api.request('/api/v1/billing/invoice-lines', {
        method: 'POST',
        token: partner,
        json: { lines: [{ siteId: sittel.id, period: '2026-03', hours: 10, amount }] },
      });
      expectRefused(refused, 400, 'amount');
    }
    const form = new FormData();
    const csv = `siteId;period;hours;amount\r\n${sittel.id};2026-03;0,0000000001;1000\r\n`;
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'facture.csv');
    const upload = await api.request('/api/v1/billing/invoice-lines/uploads', {
      method: 'POST',
      token: partner,
      body: form,
    });
    expectRefused(upload, 400, 'hours');
    expect(await invoiceLines()).toEqual(before);
  });
});

describe('network scope after the NetworkStore move', () => {
  it('shows a partner its own partner, sites and seats only, and lets it change no other partner’s seat', async () => {
    const network = await demoNetwork(api);
    const webhelp = network.siteOf('Webhelp');
    const get = (path: string) => api.request(`/api/v1${path}`, { token: partner });
    const partners = await get('/partners?limit=200');
    expect(partners.body.items.map((item: { id: string }) => item.id)).toEqual([sittel.partnerId]);
    const sites = await get('/sites?limit=200');
    expect(sites.body.items.length).toBeGreaterThan(0);
    for (const site of sites.body.items as DemoSite[]) expect(site.partnerId).toBe(sittel.partnerId);
    for (const path of [
      `/partners/${webhelp.partnerId}`,
      `/sites/${webhelp.id}`,
      `/sites/${webhelp.id}/seats`,
    ])
      expect((await get(path)).status, path).toBe(404);
    const seatsBefore = network.sites.find((site) => site.id === webhelp.id)!.seats;
    const install = await api.request(`/api/v1/sites/${webhelp.id}/seats`, {
      method: 'POST',
      token: partner,
      json: { labels: ['REVIEW-1'] },
    });
    expectRefused(install, 404, 'site');
    const change = await api.request(`/api/v1/seats/${seatsBefore[0]}`, {
      method: 'PATCH',
      token: partner,
      json: { label: 'taken', active: false },
    });
    expect(change.status, change.text).toBe(404);
    const after = (await demoNetwork(api)).sites.find((site) => site.id === webhelp.id)!;
    expect(after.seats).toEqual(seatsBefore);
    const seat = await api.request(`/api/v1/sites/${webhelp.id}/seats?limit=200`, {
      token: await api.tokenFor('admin'),
    });
    const first = seat.body.items.find((item: { id: string }) => item.id === seatsBefore[0]);
    expect(first.label).not.toBe('taken');
    expect(first.active).toBe(true);
  });
});
