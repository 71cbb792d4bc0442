import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '#core';
import { DataSource } from 'typeorm';
import { CSV_COLUMNS, type CsvLayout, parseReportRow, ReportAftermath, ReportWriter } from '#staffing';
import { databaseBackends } from '../support/environment.js';
import { startTestApi, TestApi } from '../support/test-api.js';

const CSV_HEADER =
  'siteId,period,agentsInProduction,agentsInTraining,teamLeaders,supervisors,trainersQa,hires,leavers,seatsInstalled,seatsStaffed,absenteeismPct,attritionNotes';

type Figures = [
  production: number,
  training: number,
  leaders: number,
  supervisors: number,
  trainersQa: number,
  hires: number,
  leavers: number,
  installed: number,
  staffed: number,
];

const report = (period: string, [p, t, l, s, q, h, x, i, st]: Figures, absenteeismPct = 5) => ({
  period,
  agentsInProduction: p,
  agentsInTraining: t,
  teamLeaders: l,
  supervisors: s,
  trainersQa: q,
  hires: h,
  leavers: x,
  seatsInstalled: i,
  seatsStaffed: st,
  absenteeismPct,
});

const csvFile = (lines: string[]) => {
  const form = new FormData();
  form.append(
    'file',
    new Blob([[CSV_HEADER, ...lines].join('\n') + '\n'], { type: 'text/csv' }),
    'reports.csv',
  );
  return form;
};

describe.each(databaseBackends())('staffing reports, plans and headcount on %s', (backend) => {
  let api: TestApi;
  let admin: string;
  let partner: string;
  let sittelSite: { id: string; partnerId: string };
  let webhelpSite: { id: string };
  let fixture: { partnerId: string; morocco: string; france: string; closed: string };
  const events: Array<{ name: string; payload: unknown }> = [];

  const post = (siteId: string, json: unknown, token = admin, key?: string) =>
    api.request(`/api/v1/sites/${siteId}/staffing-reports`, {
      method: 'POST',
      token,
      json,
      headers: key ? { 'idempotency-key': key } : {},
    });
  const upload = (lines: string[], token = admin, key?: string) =>
    api.request('/api/v1/staffing-reports/uploads', {
      method: 'POST',
      token,
      body: csvFile(lines),
      headers: key ? { 'idempotency-key': key } : {},
    });
  const count = async (query: string) =>
    (await api.request(`/api/v1/staffing-reports?limit=1&${query}`, { token: admin })).body.total as number;

  beforeAll(async () => {
    api = await startTestApi(backend === 'embedded' ? { DATABASE_URL: '' } : {});
    const bus = api.app.get(EventBus);
    bus.on('staffing.report', (payload) => events.push({ name: 'staffing.report', payload }));
    bus.on('headcount.changed', (payload) => events.push({ name: 'headcount.changed', payload }));
    admin = await api.tokenFor('admin');
    partner = await api.tokenFor('partner');
    const sites = (await api.request('/api/v1/sites?limit=200', { token: admin })).body.items;
    sittelSite = sites.find((s: { name: string }) => s.name === 'Sittel Casablanca');
    webhelpSite = sites.find((s: { name: string }) => s.name === 'Webhelp Rabat');
    const created = await api.request('/api/v1/partners', {
      method: 'POST',
      token: admin,
      json: { name: 'Fixture Staffing', kind: 'outsourcer' },
    });
    const site = async (name: string, country: string, timeZone: string, status = 'active') =>
      (
        await api.request('/api/v1/sites', {
          method: 'POST',
          token: admin,
          json: {
            partnerId: created.body.id,
            name,
            city: name,
            country,
            timeZone,
            installedSeats: 60,
            status,
          },
        })
      ).body.id as string;
    fixture = {
      partnerId: created.body.id,
      morocco: await site('Fixture Fès', 'MA', 'Africa/Casablanca'),
      france: await site('Fixture Lille', 'FR', 'Europe/Paris'),
      closed: await site('Fixture Closed', 'MA', 'Africa/Casablanca', 'closed'),
    };
  });
  afterAll(() => api?.close());

  it('stores a JSON report, keeps a second one for the same period as version 2, and shows the history', async () => {
    const first = await post(sittelSite.id, report('2024-03-04', [50, 5, 4, 1, 2, 3, 1, 60, 55]), partner);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      version: 1,
      current: true,
      headcount: 62,
      periodKind: 'day',
      source: 'api',
    });
    const second = await post(sittelSite.id, report('2024-03-04', [52, 5, 4, 1, 2, 3, 1, 60, 56]), partner);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, current: true, agentsInProduction: 52 });

    const history = await api.request(`/api/v1/sites/${sittelSite.id}/staffing-reports/2024-03-04`, {
      token: partner,
    });
    expect(history.body.map((r: { version: number; current: boolean }) => [r.version, r.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(await count(`siteId=${sittelSite.id}&period=2024-03-04`)).toBe(1);
    expect(await count(`siteId=${sittelSite.id}&period=2024-03-04&versions=all`)).toBe(2);

    // concurrent corrections of one period each get their own version
    const racing = await Promise.all(
      [60, 61, 62].map((production) =>
        post(sittelSite.id, report('2024-03-06', [production, 5, 4, 1, 2, 3, 1, 70, 60]), partner),
      ),
    );
    expect(racing.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(racing.map((r) => r.body.version).sort()).toEqual([1, 2, 3]);
    const latest = await api.request(`/api/v1/staffing-reports?siteId=${sittelSite.id}&period=2024-03-06`, {
      token: partner,
    });
    expect(latest.body.items).toEqual([expect.objectContaining({ version: 3, current: true })]);

    const week = await post(sittelSite.id, report('2024-W10', [50, 5, 4, 1, 2, 3, 1, 60, 55]), partner);
    expect(week.body).toMatchObject({
      periodKind: 'week',
      periodStart: '2024-03-04',
      periodEnd: '2024-03-10',
    });

    await api.app.get(ReportAftermath).settled();
    expect(events).toContainEqual({
      name: 'staffing.report',
      payload: expect.objectContaining({
        siteId: sittelSite.id,
        period: '2024-03-04',
        version: 2,
        agentsInProduction: 52,
      }),
    });
    expect(events).toContainEqual({
      name: 'headcount.changed',
      payload: expect.objectContaining({
        siteId: sittelSite.id,
        partnerId: sittelSite.partnerId,
        country: 'MA',
      }),
    });
  });

  it('answers a retried Idempotency-Key with the same status and body, and 409 for another body', async () => {
    const body = report('2024-03-05', [40, 2, 3, 1, 1, 0, 0, 60, 40]);
    const first = await post(sittelSite.id, body, partner, 'retry-0303');
    const retry = await post(sittelSite.id, { ...body }, partner, 'retry-0303');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(first.status);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await count(`siteId=${sittelSite.id}&period=2024-03-05&versions=all`)).toBe(1);

    if (backend === 'postgres') {
      const concurrent = await Promise.all(
        [1, 2, 3].map(() =>
          post(sittelSite.id, report('2024-03-07', [40, 2, 3, 1, 1, 0, 0, 60, 40]), partner, 'same-time'),
        ),
      );
      expect(new Set(concurrent.map((r) => JSON.stringify([r.status, r.body])))).toEqual(
        new Set([JSON.stringify([201, concurrent[0].body])]),
      );
      expect(await count(`siteId=${sittelSite.id}&period=2024-03-07&versions=all`)).toBe(1);
    }

    const other = await post(sittelSite.id, { ...body, leavers: 1 }, partner, 'retry-0303');
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_conflict');
    expect(await count(`siteId=${sittelSite.id}&period=2024-03-05&versions=all`)).toBe(1);

    // a retry gets the first answer even when the rules would now refuse the request
    const site = await api.request('/api/v1/sites', {
      method: 'POST',
      token: admin,
      json: {
        partnerId: fixture.partnerId,
        name: 'Fixture Oujda',
        city: 'Oujda',
        country: 'MA',
        timeZone: 'Africa/Casablanca',
        installedSeats: 60,
      },
    });
    const beforeClosing = await post(site.body.id, body, admin, 'before-closing');
    await api.request(`/api/v1/sites/${site.body.id}`, {
      method: 'PATCH',
      token: admin,
      json: { status: 'closed' },
    });
    const afterClosing = await post(site.body.id, body, admin, 'before-closing');
    expect([afterClosing.status, afterClosing.text]).toEqual([201, beforeClosing.text]);
    expect((await post(site.body.id, body, admin, 'after-closing')).status).toBe(409);

    const bad = await post(sittelSite.id, body, partner, 'not a valid key!');
    expect(bad.status).toBe(400);
  });

  it('refuses inconsistent reports with a clear 4xx and stores nothing', async () => {
    const before = await count('versions=all');
    const staffed = await post(fixture.morocco, report('2024-03-04', [10, 0, 1, 1, 1, 0, 0, 10, 11]));
    expect(staffed.status).toBe(400);
    expect(staffed.body.error).toMatchObject({
      code: 'invalid_report',
      details: [{ field: 'seatsStaffed' }],
    });
    expect(staffed.body.error.message).toContain('cannot exceed seatsInstalled');

    const negative = await post(fixture.morocco, report('2024-03-04', [-1, 0, 1, 1, 1, 0, 0, 10, 5]));
    expect(negative.status).toBe(400);
    expect(negative.body.error.code).toBe('validation_failed');
    const fraction = await post(fixture.morocco, report('2024-03-04', [1.5, 0, 1, 1, 1, 0, 0, 10, 5]));
    expect(fraction.status).toBe(400);
    expect(fraction.body.error.message).toContain('agentsInProduction must be a whole number');

    const future = await post(fixture.morocco, report('2099-01-01', [1, 0, 1, 1, 1, 0, 0, 10, 5]));
    expect(future.status).toBe(400);
    expect(future.body.error.message).toContain('in the future');
    const noDay = await post(fixture.morocco, report('2026-02-30', [1, 0, 1, 1, 1, 0, 0, 10, 5]));
    expect(noDay.status).toBe(400);

    const closed = await post(fixture.closed, report('2024-03-04', [1, 0, 1, 1, 1, 0, 0, 10, 5]));
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('site_not_active');

    const otherPartner = await post(
      webhelpSite.id,
      report('2024-03-04', [1, 0, 1, 1, 1, 0, 0, 10, 5]),
      partner,
    );
    expect(otherPartner.status).toBe(404);
    const supervisor = await post(
      sittelSite.id,
      report('2024-03-04', [1, 0, 1, 1, 1, 0, 0, 10, 5]),
      await api.tokenFor('supervisor'),
    );
    expect(supervisor.status).toBe(403);
    expect(await count('versions=all')).toBe(before);
  });

  it('uploads a CSV of many rows all or nothing, naming the line of every bad row', async () => {
    const before = await count('versions=all');
    const bad = await upload(
      [
        `${sittelSite.id},2024-04-01,40,2,3,1,1,0,0,60,40,4.5,`,
        `${sittelSite.id},2024-04-02,40,2,3,1,1,0,0,60,61,4.5,`,
        `${sittelSite.id},2024-04-03,40,2,3,1,1,0,0,60,40,4.5,"notes, with a comma"`,
        `${webhelpSite.id},2024-04-03,40,2,3,1,1,0,0,60,40,4.5,`,
        `${sittelSite.id},2024-04-01,41,2,3,1,1,0,0,60,40,4.5,`,
        `${sittelSite.id},2024-04-04,x,2,3,1,1,0,0,60,40,101,`,
        `${sittelSite.id},2024-04-05,40,2,3`,
      ],
      partner,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_rows');
    expect(bad.body.error.details.problems).toEqual([
      { line: 3, field: 'seatsStaffed', message: expect.stringContaining('cannot exceed') },
      { line: 5, field: 'siteId', message: `${webhelpSite.id} is not one of your sites` },
      { line: 6, field: 'period', message: 'repeats the report of line 2 (same site and period)' },
      { line: 7, field: 'agentsInProduction', message: expect.any(String) },
      { line: 7, field: 'absenteeismPct', message: expect.any(String) },
      { line: 8, field: '*', message: 'expected 13 values as in the header, found 5' },
    ]);
    expect(bad.body.error.details.total).toBe(6);
    expect(await count('versions=all')).toBe(before);

    expect(
      (await post(sittelSite.id, report('2024-04-10', [50, 5, 4, 1, 2, 3, 1, 60, 55]), partner)).status,
    ).toBe(201);
    const lines = [
      `${sittelSite.id},2024-04-01,40,2,3,1,1,0,0,60,40,4.5,`,
      `${sittelSite.id},2024-04-03,40,2,3,1,1,0,0,60,40,4.25,"notes, with a comma"`,
      `${sittelSite.id},2024-04-10,53,5,4,1,2,3,1,60,56,5,correction`,
    ];
    const good = await upload(lines, partner, 'upload-april');
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ accepted: 3, corrections: 1, sites: 1 });
    const again = await upload(lines, partner, 'upload-april');
    expect(again.status).toBe(201);
    expect(again.text).toBe(good.text);
    expect(await count('versions=all')).toBe(before + 4);
    const stored = await api.request(`/api/v1/staffing-reports?uploadId=${good.body.uploadId}`, {
      token: partner,
    });
    expect(stored.body.items.find((r: { period: string }) => r.period === '2024-04-03')).toMatchObject({
      attritionNotes: 'notes, with a comma',
      absenteeismPct: 4.25,
      source: 'csv',
    });
    expect(stored.body.items.find((r: { period: string }) => r.period === '2024-04-10')).toMatchObject({
      version: 2,
      attritionNotes: 'correction',
    });

    const wrongHeader = await api.request('/api/v1/staffing-reports/uploads', {
      method: 'POST',
      token: partner,
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob(['site,when\nx,y\n']), 'r.csv');
        return form;
      })(),
    });
    expect(wrongHeader.status).toBe(400);
    expect(wrongHeader.body.error.code).toBe('invalid_upload');
    const notMultipart = await api.request('/api/v1/staffing-reports/uploads', {
      method: 'POST',
      token: partner,
      json: {},
    });
    expect(notMultipart.status).toBe(400);
  });

  it('stages a large upload through COPY on a server (escaping tabs, backslashes, new lines) and numbers versions set-based', async () => {
    const days = Array.from({ length: 150 }, (_, i) =>
      new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const lines = days.map(
      (day) => `${fixture.morocco},${day},30,3,3,1,1,1,0,60,30,2.5,"tab\there \\ back\nline"`,
    );
    const first = await upload(lines);
    expect(first.body).toMatchObject({ accepted: 150, corrections: 0, sites: 1 });
    const second = await upload(lines.slice(0, 120));
    expect(second.body).toMatchObject({ accepted: 120, corrections: 120 });
    const stored = await api.request(`/api/v1/sites/${fixture.morocco}/staffing-reports/${days[0]}`, {
      token: admin,
    });
    expect(stored.body.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    expect(stored.body[0].attritionNotes).toBe('tab\there \\ back\nline');
    expect(await count(`siteId=${fixture.morocco}&from=2023-01-01&to=2023-12-31`)).toBe(150);
  });

  it('stores nothing of a file whose bad row comes after thousands of rows already sent to the database', async () => {
    const days = Array.from({ length: 4_000 }, (_, i) =>
      new Date(Date.UTC(2010, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const lines = days.map((day) => `${fixture.morocco},${day},30,3,3,1,1,1,0,60,30,2.5,`);
    const before = await count('versions=all');
    const bad = await upload([...lines, `${fixture.morocco},2021-01-01,30,3,3,1,1,1,0,60,61,2.5,`]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems).toEqual([
      { line: 4_002, field: 'seatsStaffed', message: expect.stringContaining('cannot exceed') },
    ]);
    expect(await count('versions=all')).toBe(before);
    // the same rows without the bad one are all taken, as first versions
    const good = await upload(lines);
    expect(good.body).toMatchObject({ accepted: 4_000, corrections: 0, sites: 1 });
    expect(await count('versions=all')).toBe(before + 4_000);
  });

  it('takes a file naming its site in mixed case, the site found only while the rows are read', async () => {
    const site = fixture.morocco.slice(0, 9) + fixture.morocco.slice(9).toUpperCase();
    const answer = await upload([`${site},1975-01-01,30,3,3,1,1,1,0,60,30,2.5,`]);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ accepted: 1, corrections: 0, sites: 1 });
  });

  it('the first-version write refuses a report of a site it did not lock (the upload then takes the locked way)', async () => {
    const data = api.app.get(DataSource);
    const layout = Object.fromEntries(CSV_COLUMNS.map((name, index) => [name, index])) as CsvLayout;
    const site = { id: fixture.morocco, partnerId: fixture.partnerId, status: 'active', today: '2026-12-05' };
    const { draft } = parseReportRow(
      [site.id, '1974-01-01', '30', '3', '3', '1', '1', '1', '0', '60', '30', '2.5', ''],
      layout,
      new Map([[site.id, site]]),
    );
    const meta = {
      source: 'csv' as const,
      uploadId: null,
      submittedByType: 'user',
      submittedById: null,
      at: new Date(),
    };
    const write = (locked: string[]) =>
      data.transaction(async (manager) => {
        await api.app.get(ReportWriter).writeFirstVersions(
          manager,
          locked,
          (async function* () {
            yield draft!;
          })(),
          meta,
        );
        throw new Error('written, rolled back');
      });
    await expect(write([])).rejects.toThrow(`site ${site.id} was not locked`);
    await expect(write([site.id])).rejects.toThrow('written, rolled back');
  });

  it('takes the same reports uploaded twice at once, some of them new: one upload stores them, the other corrects them', async () => {
    const days = Array.from({ length: 2_000 }, (_, i) =>
      new Date(Date.UTC(1980, 0, 1 + i)).toISOString().slice(0, 10),
    );
    const lines = days.map((day) => `${fixture.morocco},${day},30,3,3,1,1,1,0,60,30,2.5,`);
    const before = await count('versions=all');
    expect((await upload(lines.slice(1_900))).body).toMatchObject({ accepted: 100, corrections: 0 });
    const answers = await Promise.all([upload(lines), upload(lines)]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers.map((answer) => answer.body.corrections).sort((a, b) => a - b)).toEqual([100, 2_000]);
    expect(await count('versions=all')).toBe(before + 4_100);
    const stored = await api.request(`/api/v1/sites/${fixture.morocco}/staffing-reports/${days[0]}`, {
      token: admin,
    });
    expect(stored.body.map((r: { version: number; current: boolean }) => [r.version, r.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    const corrected = await api.request(`/api/v1/sites/${fixture.morocco}/staffing-reports/${days[1_950]}`, {
      token: admin,
    });
    expect(corrected.body.map((r: { version: number; current: boolean }) => [r.version, r.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
  });

  it("lets a partner's system report with its API key, and counts accepted reports in /metrics", async () => {
    const created = await api.request('/api/v1/api-keys', {
      method: 'POST',
      token: admin,
      json: { partnerId: sittelSite.partnerId, name: 'Sittel WFM' },
    });
    const key = `ApiKey ${created.body.key}`;
    const accepted = await upload([`${sittelSite.id},2024-05-06,40,2,3,1,1,0,0,60,40,4.5,`], key);
    expect(accepted.status).toBe(201);
    const refused = await upload([`${webhelpSite.id},2024-05-06,40,2,3,1,1,0,0,60,40,4.5,`], key);
    expect(refused.body.error.details.problems[0]).toMatchObject({ line: 2, field: 'siteId' });
    const metrics = await api.request('/metrics');
    expect(metrics.text).toMatch(
      /plateau_staffing_reports_accepted_total\{source="csv",kind="first"\} [1-9]/,
    );
    expect(metrics.text).toMatch(
      /plateau_staffing_reports_accepted_total\{source="api",kind="correction"\} [1-9]/,
    );
  });

  it('keeps partners to their own reports when listing', async () => {
    const mine = await api.request('/api/v1/staffing-reports?limit=200&versions=all', { token: partner });
    expect(mine.body.total).toBeGreaterThan(0);
    expect(new Set(mine.body.items.map((r: { partnerId: string }) => r.partnerId))).toEqual(
      new Set([sittelSite.partnerId]),
    );
    const theirs = await api.request(`/api/v1/staffing-reports?siteId=${webhelpSite.id}`, { token: partner });
    expect(theirs.body.total).toBe(0);
    const history = await api.request(`/api/v1/sites/${webhelpSite.id}/staffing-reports/2026-03-02`, {
      token: partner,
    });
    expect(history.status).toBe(404);
  });

  it('computes the monthly series by hand on a small fixture: actual vs plan, growth, attrition, training, utilisation', async () => {
    // Fès (MA): two January reports, one in February.
    await post(fixture.morocco, report('2026-01-05', [40, 10, 4, 1, 2, 10, 0, 60, 45])); // headcount 57
    await post(fixture.morocco, report('2026-01-26', [48, 6, 4, 1, 2, 6, 2, 60, 50])); // 61
    await post(fixture.morocco, report('2026-02-16', [50, 4, 5, 1, 2, 3, 3, 60, 50])); // 62
    // Lille (FR): a weekly report in January, a daily one in February corrected later.
    await post(fixture.france, report('2026-W03', [18, 2, 2, 1, 1, 2, 1, 30, 20])); // 24
    await post(fixture.france, report('2026-02-02', [19, 1, 2, 1, 1, 1, 0, 30, 20])); // 24, replaced by:
    await post(fixture.france, report('2026-02-02', [20, 2, 2, 1, 1, 2, 1, 30, 21])); // 26
    const manager = await api.tokenFor('manager');
    for (const [site, month, headcount] of [
      [fixture.morocco, '2026-01', 60],
      [fixture.morocco, '2026-02', 64],
      [fixture.france, '2026-01', 25],
      [fixture.france, '2026-02', 25],
    ] as const) {
      const plan = await api.request(`/api/v1/sites/${site}/plans/${month}`, {
        method: 'PUT',
        token: manager,
        json: { headcount },
      });
      expect(plan.status).toBe(200);
      expect(plan.body).toMatchObject({ month, headcount });
    }

    const byPartner = await api.request(
      `/api/v1/headcount?groupBy=partner&interval=month&from=2026-01&to=2026-02&partnerId=${fixture.partnerId}`,
      { token: manager },
    );
    expect(byPartner.status).toBe(200);
    expect(byPartner.body.series).toHaveLength(1);
    const [january, february] = byPartner.body.series[0].points;
    expect(january).toEqual({
      month: '2026-01',
      sitesReporting: 2,
      headcount: 85, // 61 (Fès, last January report) + 24
      plan: 85, // 60 + 25
      variance: 0,
      growthPct: null, // nothing in December
      hires: 18, // 10 + 6 + 2
      leavers: 3, // 0 + 2 + 1
      averageHeadcount: 83, // mean(57, 61) + 24
      attritionRate: 0.0361, // 3 / 83
      agentsInProduction: 66, // 48 + 18
      agentsInTraining: 8, // 6 + 2
      trainingShare: 0.1081, // 8 / 74
      fte: 74,
      seatsStaffed: 70,
      seatsInstalled: 90,
      seatUtilisation: 1.0571, // 74 / 70
    });
    expect(february).toEqual({
      month: '2026-02',
      sitesReporting: 2,
      headcount: 88, // 62 + 26 (the corrected version)
      plan: 89,
      variance: -1,
      growthPct: 3.53, // (88 - 85) / 85
      hires: 5,
      leavers: 4,
      averageHeadcount: 88,
      attritionRate: 0.0455, // 4 / 88
      agentsInProduction: 70,
      agentsInTraining: 6,
      trainingShare: 0.0789, // 6 / 76
      fte: 76,
      seatsStaffed: 71,
      seatsInstalled: 90,
      seatUtilisation: 1.0704, // 76 / 71
    });

    const byShore = await api.request(
      `/api/v1/headcount?groupBy=shore&from=2026-01&to=2026-02&partnerId=${fixture.partnerId}`,
      { token: manager },
    );
    const shore = Object.fromEntries(
      byShore.body.series.map(
        (s: { key: string; points: Array<{ headcount: number; growthPct: number | null }> }) => [
          s.key,
          s.points.map((p) => [p.headcount, p.growthPct]),
        ],
      ),
    );
    expect(shore).toEqual({
      offshore: [
        [61, null],
        [62, 1.64],
      ],
      onshore: [
        [24, null],
        [26, 8.33],
      ],
    });
    const bySite = await api.request(
      `/api/v1/headcount?groupBy=site&from=2026-02&to=2026-02&siteId=${fixture.france}`,
      {
        token: manager,
      },
    );
    expect(bySite.body.series[0].points[0]).toMatchObject({
      headcount: 26,
      growthPct: 8.33,
      plan: 25,
      variance: 1,
    });

    const plans = await api.request(`/api/v1/sites/${fixture.morocco}/plans?from=2026-01&to=2026-12`, {
      token: manager,
    });
    expect(plans.body.map((p: { month: string; headcount: number }) => [p.month, p.headcount])).toEqual([
      ['2026-01', 60],
      ['2026-02', 64],
    ]);
  });

  it('guards plans and series: managers plan, partners see only their own sites, bad months are 400', async () => {
    const planAsPartner = await api.request(`/api/v1/sites/${sittelSite.id}/plans/2026-05`, {
      method: 'PUT',
      token: partner,
      json: { headcount: 10 },
    });
    expect(planAsPartner.status).toBe(403);
    const manager = await api.tokenFor('manager');
    const badMonth = await api.request(`/api/v1/sites/${sittelSite.id}/plans/2026-13`, {
      method: 'PUT',
      token: manager,
      json: { headcount: 10 },
    });
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.error.code).toBe('invalid_month');
    const backwards = await api.request('/api/v1/headcount?from=2026-05&to=2026-01', { token: manager });
    expect(backwards.status).toBe(400);
    const badGroup = await api.request('/api/v1/headcount?groupBy=planet', { token: manager });
    expect(badGroup.status).toBe(400);

    const forPartner = await api.request('/api/v1/headcount?groupBy=partner', { token: partner });
    expect(forPartner.body.series.map((s: { label: string }) => s.label)).toEqual(['Sittel']);
    const hidden = await api.request(`/api/v1/headcount?siteId=${webhelpSite.id}`, { token: partner });
    expect(hidden.status).toBe(404);
  });

  it('seeds 18 months of demo history: the in-house centre grows, the partners staff their 400 offshore seats', async () => {
    const manager = await api.tokenFor('manager');
    const series = await api.request('/api/v1/headcount?groupBy=partner', { token: manager });
    const byLabel = Object.fromEntries(
      series.body.series.map(
        (s: { label: string; points: Array<{ headcount: number | null; plan: number | null }> }) => [
          s.label,
          s.points,
        ],
      ),
    );
    const inHouse = byLabel['Plateau Assurances (in-house)'];
    expect(inHouse).toHaveLength(12);
    expect(inHouse.at(-2).headcount).toBeGreaterThan(inHouse[0].headcount);
    expect(inHouse.at(-2).headcount).toBeGreaterThan(100);
    expect(inHouse.every((p: { plan: number | null }) => p.plan !== null)).toBe(true);
    const offshore = await api.request('/api/v1/headcount?groupBy=shore', { token: manager });
    const lastMonth = offshore.body.series.find((s: { key: string }) => s.key === 'offshore').points.at(-2);
    expect(lastMonth.seatsInstalled).toBe(500); // 400 partner seats + the in-house centre's 100
    expect(lastMonth.seatUtilisation).toBeGreaterThan(1);
  });
});
