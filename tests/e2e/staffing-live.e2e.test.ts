import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadcountChangedEvent, StaffingReportEvent } from '#contracts';
import { connectLive, type LiveClient, subscribe } from '../support/live.js';
import { startTestApi, TestApi } from '../support/test-api.js';
import { staffingReport } from '../support/staffing.js';

describe('staffing reports reach live dashboards over socket.io', () => {
  let api: TestApi;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await api?.close();
  });

  const listen = async (role: 'partner' | 'partner2' | 'supervisor') => {
    const socket = await connectLive(api.baseUrl, { token: await api.tokenFor(role) });
    sockets.push(socket);
    const ack = await subscribe(
      socket,
      role === 'supervisor' ? { scope: 'network' } : { scope: 'partner', id: await partnerIdOf(role) },
    );
    expect(ack.ok).toBe(true);
    const reports: StaffingReportEvent[] = [];
    const headcounts: HeadcountChangedEvent[] = [];
    socket.on('staffing.report', (event) => reports.push(event));
    socket.on('headcount.changed', (event) => headcounts.push(event));
    return { reports, headcounts };
  };
  const partnerIdOf = async (role: 'partner' | 'partner2') =>
    (await api.request('/api/v1/partners', { token: await api.tokenFor(role) })).body.items[0].id as string;

  it("sends a partner's report to its own room and the network, never to another partner", async () => {
    const sittel = await listen('partner');
    const webhelp = await listen('partner2');
    const network = await listen('supervisor');
    const partner = await api.tokenFor('partner');
    const [site] = (await api.request('/api/v1/sites', { token: partner })).body.items;
    const posted = await api.request(`/api/v1/sites/${site.id}/staffing-reports`, {
      method: 'POST',
      token: partner,
      json: staffingReport('2024-06-03'),
    });
    expect(posted.status).toBe(201);
    await expect.poll(() => sittel.reports.length, { timeout: 10_000 }).toBe(1);
    expect(sittel.reports[0]).toMatchObject({
      siteId: site.id,
      period: '2024-06-03',
      version: 1,
      agentsInProduction: 70,
    });
    await expect.poll(() => network.reports.length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => sittel.headcounts.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(sittel.headcounts[0]).toMatchObject({ siteId: site.id, partnerId: site.partnerId, country: 'MA' });
    // the site's headcount is that of its latest period (the seeded history), not of this 2024 report
    const latest = await api.request(`/api/v1/staffing-reports?siteId=${site.id}&limit=1`, {
      token: partner,
    });
    expect(latest.body.items[0].period).not.toBe('2024-06-03');
    expect(sittel.headcounts[0].headcount).toBe(latest.body.items[0].headcount);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(webhelp.reports).toEqual([]);
    expect(webhelp.headcounts).toEqual([]);
  });
});
