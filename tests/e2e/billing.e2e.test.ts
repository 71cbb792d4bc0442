import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { OccupancyRollup } from '#live';
import { contactRows, csvOf, pinClock, waitFor } from '../support/campaigns.js';
import { type DemoSite, demoNetwork, postSeatEvents } from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * A fixed minute history for Sittel Casablanca on Monday 2 March 2026 (Ramadan: Casablanca is on
 * UTC+0, so local 10:00 is 10:00 UTC), written as the live rollup writes it, then billed.
 */
describe('partner billing over HTTP', () => {
  let api: TestApi;
  let admin: string;
  let manager: string;
  let partner: string;
  let partner2: string;
  let sittel: DemoSite;
  let webhelp: DemoSite;

  const minute = async (
    siteId: string,
    iso: string,
    counts: { available?: number; on_call?: number; wrap_up?: number; lunch?: number; training?: number },
  ) => {
    const paused = (counts.lunch ?? 0) + (counts.training ?? 0);
    const staffed = (counts.available ?? 0) + (counts.on_call ?? 0) + (counts.wrap_up ?? 0) + paused;
    await api.app.get(DataSource).query(
      `INSERT INTO live_site_minute (site_id, minute, seats, offline, available, on_call, wrap_up, paused, staffed,
                                     occupancy, paused_lunch, paused_training)
       VALUES ($1, $2, 50, $3, $4, $5, $6, $7, $8, NULL, $9, $10)`,
      [
        siteId,
        iso,
        50 - staffed,
        counts.available ?? 0,
        counts.on_call ?? 0,
        counts.wrap_up ?? 0,
        paused,
        staffed,
        counts.lunch ?? 0,
        counts.training ?? 0,
      ],
    );
  };
  const csv = (lines: string[]) => {
    const form = new FormData();
    form.append('file', new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }), 'invoice.csv');
    return form;
  };
  const contract = (changes: Record<string, unknown> = {}) => ({
    partnerId: sittel.partnerId,
    name: 'Sittel 2026',
    basis: 'productive_hour',
    currency: 'MAD',
    validFrom: '2026-01-01',
    billableStates: ['on_call', 'wrap_up', 'available'],
    billablePauseReasons: ['training'],
    rates: [
      { validFrom: '2026-01-01', validTo: '2026-03-14', amount: 100 },
      { validFrom: '2026-03-15', amount: 110 },
    ],
    sla: {
      minIntervalAdherence: 0.9,
      adherenceTolerance: 0.1,
      targetShareWithinTolerance: 0.8,
      creditPerAdherenceBreach: 500,
      creditPerMissedMonth: 2000,
      invoiceTolerance: 0.02,
      creditPerLateReport: 0,
      creditPerComplianceIncident: 0,
    },
    ...changes,
  });

  beforeAll(async () => {
    api = await startTestApi();
    [admin, manager, partner, partner2] = await Promise.all([
      api.tokenFor('admin'),
      api.tokenFor('manager'),
      api.tokenFor('partner'),
      api.tokenFor('partner2'),
    ]);
    const network = await demoNetwork(api);
    sittel = network.siteOf('Sittel');
    webhelp = network.siteOf('Webhelp');
    // 10:00-10:09: 3 on call, 1 in wrap-up, 1 available, 1 at lunch, 1 in training, each minute
    for (let m = 0; m < 10; m++)
      await minute(sittel.id, `2026-03-02T10:0${m}:00Z`, {
        on_call: 3,
        wrap_up: 1,
        available: 1,
        lunch: 1,
        training: 1,
      });
    // 10:10-10:27: no sample (a gap). 10:28-10:29: 3 on call; at 10:30 two of them turn available
    await minute(sittel.id, '2026-03-02T10:28:00Z', { on_call: 3 });
    await minute(sittel.id, '2026-03-02T10:29:00Z', { on_call: 3 });
    await minute(sittel.id, '2026-03-02T10:30:00Z', { on_call: 1, available: 2 });
    await minute(sittel.id, '2026-03-02T10:31:00Z', { on_call: 1, available: 2 });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lets managers create a contract, refuses an overlapping or inconsistent one, and shows partners their own', async () => {
    const created = await api.request('/api/v1/billing/contracts', {
      method: 'POST',
      token: manager,
      json: contract(),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ siteId: null, basis: 'productive_hour', currency: 'MAD' });
    const overlap = await api.request('/api/v1/billing/contracts', {
      method: 'POST',
      token: manager,
      json: contract({ validFrom: '2026-06-01' }),
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.code).toBe('overlapping_contract');
    const noRate = await api.request('/api/v1/billing/contracts', {
      method: 'POST',
      token: manager,
      json: contract({ siteId: sittel.id, rates: [{ validFrom: '2026-02-01', amount: 90 }] }),
    });
    expect(noRate.status).toBe(400);
    expect(noRate.body.error.code).toBe('invalid_contract');
    const wrongSite = await api.request('/api/v1/billing/contracts', {
      method: 'POST',
      token: manager,
      json: contract({ siteId: webhelp.id }),
    });
    expect(wrongSite.status).toBe(400);
    const byPartner = await api.request('/api/v1/billing/contracts', {
      method: 'POST',
      token: partner,
      json: contract(),
    });
    expect(byPartner.status).toBe(403);
    expect((await api.request('/api/v1/billing/contracts', { token: partner })).body).toHaveLength(1);
    expect((await api.request('/api/v1/billing/contracts', { token: partner2 })).body).toHaveLength(0);
    expect(
      (await api.request(`/api/v1/billing/contracts/${created.body.id}`, { token: partner2 })).status,
    ).toBe(404);
    const rates = await api.request(
      `/api/v1/billing/contracts/${created.body.id}/rates?from=2026-03&to=2026-04`,
      {
        token: partner,
      },
    );
    expect(rates.body.map((month: { rates: unknown[] }) => month.rates)).toEqual([
      [
        { validFrom: '2026-03-01', validTo: '2026-03-14', amount: 100 },
        { validFrom: '2026-03-15', validTo: '2026-03-31', amount: 110 },
      ],
      [{ validFrom: '2026-04-01', validTo: '2026-04-30', amount: 110 }],
    ]);
  });

  it('stores requested hours per interval, a correction as a new version', async () => {
    const put = (intervals: unknown[], token = manager) =>
      api.request(`/api/v1/billing/sites/${sittel.id}/requested-hours`, {
        method: 'PUT',
        token,
        json: { intervals },
      });
    const first = await put([
      { start: '2026-03-02T10:00:00Z', hours: 2.5 },
      { start: '2026-03-02T10:30:00Z', hours: 1.5 },
    ]);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ versioned: 2, unchanged: 0 });
    const correction = await put([
      { start: '2026-03-02T10:00:00Z', hours: 2 },
      { start: '2026-03-02T10:30:00Z', hours: 1.5 },
    ]);
    expect(correction.body).toEqual({ versioned: 1, unchanged: 1 });
    expect((await put([{ start: '2026-03-02T10:15:00Z', hours: 1 }])).status).toBe(400);
    expect((await put([{ start: '2026-03-02T10:00:00Z', hours: -1 }])).status).toBe(400);
    expect((await put([{ start: '2026-03-02T10:00:00Z', hours: 1 }], partner)).status).toBe(403);
    const all = await api.request(
      `/api/v1/billing/sites/${sittel.id}/requested-hours?date=2026-03-02&versions=all`,
      {
        token: partner,
      },
    );
    expect(
      all.body.map((row: { localTime: string; hours: number; version: number; current: boolean }) => [
        row.localTime,
        row.hours,
        row.version,
        row.current,
      ]),
    ).toEqual([
      ['10:00', 2.5, 1, false],
      ['10:00', 2, 2, true],
      ['10:30', 1.5, 1, true],
    ]);
  });

  it('computes delivered and billable hours interval by interval, gaps shown and never counted', async () => {
    const day = await api.request(`/api/v1/billing/sites/${sittel.id}/delivered?date=2026-03-02`, {
      token: partner,
    });
    expect(day.status, day.text).toBe(200);
    expect(day.body).toMatchObject({ timeZone: 'Africa/Casablanca', currency: 'MAD' });
    expect(day.body.intervals).toHaveLength(48);
    const ten = day.body.intervals.find((i: { localTime: string }) => i.localTime === '10:00');
    const half = day.body.intervals.find((i: { localTime: string }) => i.localTime === '10:30');
    // 10:00: 12 sampled minutes (18 of gap). on call 10x3 + 2x3 = 36 seat-minutes = 0.6 h; wrap-up 10 = 0.1667 h;
    // available 10 = 0.1667 h; lunch 10 and training 10 = 0.1667 h each.
    expect(ten).toMatchObject({ sampledMinutes: 12, gapMinutes: 18 });
    expect(ten.hours).toMatchObject({ on_call: 0.6, wrap_up: 0.1667, available: 0.1667, paused: 0.3333 });
    expect(ten.pauseHours).toMatchObject({ lunch: 0.1667, training: 0.1667 });
    // billable: 36 + 10 + 10 + 10 (training) = 66 seat-minutes = 1.1 h (lunch is not billable)
    expect(ten.billableHours).toBe(1.1);
    // productive agents (36 + 10 + 10) / 12 minutes = 4.6667 against 2 h = 4 agents: 1.1667, over tolerance
    expect(ten).toMatchObject({
      requestedHours: 2,
      requestedSource: 'manager',
      adherence: 1.1667,
      withinTolerance: false,
      breach: false,
    });
    // 10:30: 2 minutes of 1 on call + 2 available: 6 seat-minutes = 0.1 h; 3 agents against 1.5 h = 3: 1.0
    expect(half).toMatchObject({
      sampledMinutes: 2,
      billableHours: 0.1,
      adherence: 1,
      withinTolerance: true,
    });
    // the day: 72 billable seat-minutes = 1.2 h x 100 MAD (rate until 14 March) = 120 MAD; 1,440 - 14 minutes of gap
    expect(day.body).toMatchObject({
      billableHours: 1.2,
      expectedAmount: 120,
      sampledMinutes: 14,
      gapMinutes: 1426,
    });
    expect(
      (await api.request(`/api/v1/billing/sites/${sittel.id}/delivered?date=2026-03-02`, { token: partner2 }))
        .status,
    ).toBe(404);
    expect(
      (await api.request(`/api/v1/billing/sites/${sittel.id}/delivered?date=2026-02-30`, { token: admin }))
        .status,
    ).toBe(400);
  });

  it('checks invoice lines against delivered hours, all or nothing, a partner only for its own sites', async () => {
    const post = (lines: unknown[], token = partner) =>
      api.request('/api/v1/billing/invoice-lines', { method: 'POST', token, json: { lines } });
    const sent = await post([
      { siteId: sittel.id, period: '2026-03-02', hours: 1.2, amount: 120, reference: 'INV-1' },
      { siteId: sittel.id, period: '2026-03-02', hours: 1.5, amount: 150, reference: 'INV-2' },
    ]);
    expect(sent.status, sent.text).toBe(201);
    expect(
      sent.body.map((line: { flagged: boolean; difference: number }) => [line.flagged, line.difference]),
    ).toEqual([
      [false, 0],
      [true, 30], // 30 MAD over the expected 120: more than 2%
    ]);
    const foreign = await post([
      { siteId: sittel.id, period: '2026-03', hours: 1, amount: 1 },
      { siteId: webhelp.id, period: '2026-03', hours: 1, amount: 1 },
    ]);
    expect(foreign.status).toBe(404);
    const upload = (lines: string[], token = partner) =>
      api.request('/api/v1/billing/invoice-lines/uploads', { method: 'POST', token, body: csv(lines) });
    const bad = await upload([
      'siteId,period,hours,amount,reference',
      `${sittel.id},2026-03,1.2,120,ok`,
      `${sittel.id},2026-3,abc,120,bad`,
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_rows');
    expect(
      bad.body.error.details.problems.map((p: { line: number; field: string }) => [p.line, p.field]),
    ).toEqual([
      [3, 'period'],
      [3, 'hours'],
    ]);
    const good = await upload([
      'siteId,period,hours,amount,currency,reference',
      `${sittel.id},2026-03,1.2,120,MAD,"=HYPERLINK(""x"")"`,
    ]);
    expect(good.status, good.text).toBe(201);
    expect(good.body).toMatchObject({ accepted: 1, flagged: 0 });
    expect(
      (await api.request('/api/v1/billing/invoice-lines?month=2026-03', { token: partner })).body,
    ).toHaveLength(3);
    expect(
      (await api.request('/api/v1/billing/invoice-lines?month=2026-03', { token: partner2 })).body,
    ).toHaveLength(0);
    expect(
      (await api.request(`/api/v1/billing/invoice-lines/${sent.body[0].id}`, { token: partner2 })).status,
    ).toBe(404);
  });

  it('lets a manager accept or dispute each line with a comment, audited; the partner sees the dispute', async () => {
    const [, flagged] = (await api.request('/api/v1/billing/invoice-lines?month=2026-03', { token: manager }))
      .body;
    const review = (json: unknown, token = manager) =>
      api.request(`/api/v1/billing/invoice-lines/${flagged.id}/review`, { method: 'POST', token, json });
    expect((await review({ decision: 'disputed', comment: '' })).status).toBe(400);
    expect((await review({ decision: 'accepted', comment: 'fine' }, partner)).status).toBe(403);
    const disputed = await review({ decision: 'disputed', comment: '0.3 h more than delivered' });
    expect(disputed.status, disputed.text).toBe(201);
    expect(disputed.body).toMatchObject({
      status: 'disputed',
      reviews: [{ decision: 'disputed', comment: '0.3 h more than delivered' }],
    });
    const seen = await api.request(`/api/v1/billing/invoice-lines/${flagged.id}`, { token: partner });
    expect(seen.body.status).toBe('disputed');
    const audit = await api.request(`/api/v1/audit-events?entityId=${flagged.id}`, { token: admin });
    expect(audit.body.items.map((event: { action: string }) => event.action)).toContain(
      'POST /api/v1/billing/invoice-lines/:id/review',
    );
  });

  it('gives line adherence and the monthly billing check with credits', async () => {
    const adherence = await api.request(`/api/v1/billing/sites/${sittel.id}/line-adherence?month=2026-03`, {
      token: manager,
    });
    expect(adherence.status, adherence.text).toBe(200);
    // 2 measured intervals, 1 within tolerance: share 0.5 < 0.8 -> 2,000 MAD; no breach
    expect(adherence.body).toMatchObject({
      status: 'measured',
      reason: null,
      requestedIntervals: { manager: 2, capacity_plan: 0 },
      measuredIntervals: 2,
      withinTolerance: 1,
      breaches: 0,
      credits: 2000,
    });
    expect(adherence.body.days).toHaveLength(31);
    const check = await api.request('/api/v1/billing/check?month=2026-03', { token: manager });
    const row = check.body.sites.find((site: { siteId: string }) => site.siteId === sittel.id);
    // billed 120 + 150 + 120 = 390 MAD against 1.2 h x 100 = 120 MAD expected over the month
    expect(row).toMatchObject({
      billableHours: 1.2,
      expectedAmount: 120,
      billedAmount: 390,
      difference: 270,
      lines: 3,
      flaggedLines: 1,
      disputedLines: 1,
      credits: 2000,
    });
    const own = await api.request('/api/v1/billing/check?month=2026-03', { token: partner2 });
    expect(own.body.sites.every((site: { partnerId: string }) => site.partnerId === webhelp.partnerId)).toBe(
      true,
    );
  });

  it('corrects the minutes already sampled when a late seat event arrives, never the ones before it', async () => {
    const rollup = api.app.get(OccupancyRollup);
    const db = api.app.get(DataSource);
    const seat = sittel.seats[40];
    const M = Math.floor(Date.now() / 60_000) * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const posted = await postSeatEvents(
      api,
      sittel.id,
      [{ seatId: seat, state: 'available', at: iso(M - 10 * 60_000) }],
      partner,
    );
    expect(posted.status, posted.text).toBe(200);
    for (const minutesAgo of [5, 4, 3]) await rollup.rollup(new Date(M - minutesAgo * 60_000));
    const rows = async () =>
      (
        await db.query(
          `SELECT minute, available, paused, paused_lunch, staffed FROM live_site_minute
            WHERE site_id = $1 AND minute >= $2 AND minute <= $3 ORDER BY minute`,
          [sittel.id, new Date(M - 5 * 60_000), new Date(M - 3 * 60_000)],
        )
      ).map((row: Record<string, number>) => [row.available, row.paused, row.paused_lunch, row.staffed]);
    const before = await rows();
    // the seat went to lunch 4 min 30 s ago, reported only now: minutes M-4 and M-3 sampled it available
    const late = await postSeatEvents(
      api,
      sittel.id,
      [{ seatId: seat, state: 'paused', pauseReason: 'lunch', at: iso(M - 4.5 * 60_000) }],
      partner,
    );
    expect(late.body).toMatchObject({ applied: 1 });
    const after = await rows();
    expect(after[0]).toEqual(before[0]); // M-5: before the event
    for (const index of [1, 2]) {
      const [available, paused, lunch, staffed] = before[index];
      expect(after[index]).toEqual([available - 1, paused + 1, lunch + 1, staffed]);
    }
  });

  it('keeps a MAD→EUR rate per month, entered by managers: positive, one per month, corrections as versions, audited', async () => {
    const put = (json: unknown, token = manager) =>
      api.request('/api/v1/billing/exchange-rates', { method: 'PUT', token, json });
    const first = await put({
      currency: 'MAD',
      month: '2026-03',
      eurPerUnit: 0.0921,
      note: 'Bank Al-Maghrib',
    });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ currency: 'MAD', month: '2026-03', eurPerUnit: 0.0921, version: 1 });
    expect((await put({ currency: 'MAD', month: '2026-03', eurPerUnit: 0.0921 })).body.version).toBe(1); // unchanged
    const corrected = await put(
      { currency: 'MAD', month: '2026-03', eurPerUnit: 0.0925, note: 'typo' },
      admin,
    );
    expect(corrected.body).toMatchObject({ eurPerUnit: 0.0925, version: 2, note: 'typo' });
    for (const [json, field] of [
      [{ currency: 'MAD', month: '2026-03', eurPerUnit: 0 }, 'eurPerUnit'],
      [{ currency: 'MAD', month: '2026-03', eurPerUnit: -0.09 }, 'eurPerUnit'],
      [{ currency: 'EUR', month: '2026-03', eurPerUnit: 1 }, 'currency'],
      [{ currency: 'MAD', month: '2026-13', eurPerUnit: 0.09 }, 'month'],
      [{ currency: 'MAD', month: '2026-03', eurPerUnit: '0,09' }, 'eurPerUnit'],
    ] as const) {
      const refused = await put(json);
      expect(refused.status, JSON.stringify(json)).toBe(400);
      expect(refused.text).toContain(field);
    }
    expect((await put({ currency: 'MAD', month: '2026-04', eurPerUnit: 0.09 }, partner)).status).toBe(403);
    const all = await api.request('/api/v1/billing/exchange-rates?currency=MAD&versions=all', {
      token: partner,
    });
    expect(
      all.body.map((rate: { month: string; eurPerUnit: number; version: number; current: boolean }) => [
        rate.month,
        rate.eurPerUnit,
        rate.version,
        rate.current,
      ]),
    ).toEqual([
      ['2026-03', 0.0921, 1, false],
      ['2026-03', 0.0925, 2, true],
    ]);
    expect(
      (await api.request('/api/v1/billing/exchange-rates?from=2026-04&to=2026-03', { token: partner }))
        .status,
    ).toBe(400);
    const audit = await api.request('/api/v1/audit-events?entity=billing.exchange-rates', { token: admin });
    expect(audit.body.items.map((event: { action: string }) => event.action)).toEqual([
      'PUT /api/v1/billing/exchange-rates',
      'PUT /api/v1/billing/exchange-rates',
      'PUT /api/v1/billing/exchange-rates',
    ]);
  });

  it('reads invoice amounts with decimal commas and space-grouped thousands, as French Excel writes them, and refuses an ambiguous one naming its line', async () => {
    const frenchCsv = (lines: string[]) => {
      const form = new FormData();
      // Windows-1252, CRLF, semicolons: what "CSV (séparateur : point-virgule)" saves; U+00A0 is byte 0xA0
      form.append('file', new Blob([Buffer.from(lines.join('\r\n') + '\r\n', 'latin1')]), 'facture.csv');
      return api.request('/api/v1/billing/invoice-lines/uploads', {
        method: 'POST',
        token: partner,
        body: form,
      });
    };
    const count = async () =>
      (await api.request(`/api/v1/billing/invoice-lines?siteId=${sittel.id}`, { token: partner })).body
        .length;
    const before = await count();
    const ambiguous = await frenchCsv([
      'siteId;period;hours;amount;currency;reference',
      `${sittel.id};2026-03-02;1,2;120,00;MAD;FR-1`,
      `${sittel.id};2026-03-02;1,200;1 234,56;MAD;FR-2`,
    ]);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.code).toBe('invalid_rows');
    expect(ambiguous.body.error.message).toContain('First: line 3, hours: "1,200" is ambiguous');
    expect(ambiguous.body.error.details.problems).toEqual([
      { line: 3, field: 'hours', message: expect.stringMatching(/^"1,200" is ambiguous/) },
    ]);
    const mixed = await frenchCsv(['siteId;period;hours;amount', `${sittel.id};2026-03-02;1,2;1.234,56`]);
    expect(mixed.body.error.details.problems).toEqual([
      { line: 2, field: 'amount', message: expect.stringMatching(/^"1.234,56" mixes "." and ","/) },
    ]);
    expect(await count()).toBe(before); // nothing stored

    const accepted = await frenchCsv([
      'siteId;period;hours;amount;currency;reference',
      `${sittel.id};2026-03-02;1,2;120,00;MAD;FR-1`,
      `${sittel.id};2026-03-02;1\u00A0234,5;12 345,67;MAD;FR-2`,
    ]);
    expect(accepted.status, accepted.text).toBe(201);
    // 1.2 h and 120 MAD are what the history gives for 2 March (1.2 billable h x 100 MAD): not flagged
    expect(
      accepted.body.lines.map((line: { hours: number; amount: number; flagged: boolean }) => [
        line.hours,
        line.amount,
        line.flagged,
      ]),
    ).toEqual([
      [1.2, 120, false],
      [1234.5, 12345.67, true],
    ]);
    // a comma-separated file quotes its decimal commas
    const quoted = new FormData();
    quoted.append(
      'file',
      new Blob([`siteId,period,hours,amount\n${sittel.id},2026-03-02,"1,2","120,00"\n`]),
      'invoice.csv',
    );
    const comma = await api.request('/api/v1/billing/invoice-lines/uploads', {
      method: 'POST',
      token: partner,
      body: quoted,
    });
    expect(comma.status, comma.text).toBe(201);
    expect(comma.body.lines[0]).toMatchObject({ hours: 1.2, amount: 120, flagged: false });
  });
});

/**
 * A new Sittel site in November 2026 (Casablanca on UTC+0 or UTC+1, by tzdata): two agents on call for an hour, four
 * calls for one campaign (one of them in the lunch break of the calling rules), staffing reports
 * on time for one day only; its own contract at 100 MAD an hour, 50 MAD per late report and
 * 300 MAD per compliance incident.
 */
describe('billing check: SLA credits for report timeliness and compliance, cost per outcome', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ PROCESS_JOBS_IN_API: 'true' });
  });
  afterAll(() => api?.close());

  it('counts late reports and incidents into credits and prices each outcome, hand-computed', async () => {
    const setClock = pinClock(api.app, new Date('2026-11-02T12:00:00Z'));
    const [admin, manager, partner] = await Promise.all([
      api.tokenFor('admin'),
      api.tokenFor('manager'),
      api.tokenFor('partner'),
    ]);
    const sittel = (await demoNetwork(api)).siteOf('Sittel');
    const post = (path: string, json: unknown, token = manager) =>
      api.request(`/api/v1${path}`, { method: 'POST', token, json });
    const site = await post(
      '/sites',
      {
        partnerId: sittel.partnerId,
        name: 'Sittel SLA',
        city: 'Casablanca',
        country: 'MA',
        timeZone: 'Africa/Casablanca',
        installedSeats: 10,
        openedOn: '2026-11-01',
      },
      admin,
    );
    expect(site.status, site.text).toBe(201);
    const siteId = site.body.id;
    const contract = await post('/billing/contracts', {
      partnerId: sittel.partnerId,
      siteId,
      name: 'Sittel SLA 2026',
      basis: 'productive_hour',
      currency: 'MAD',
      validFrom: '2026-11-01',
      billableStates: ['on_call', 'wrap_up', 'available'],
      billablePauseReasons: [],
      rates: [{ validFrom: '2026-11-01', amount: 100 }],
      sla: {
        minIntervalAdherence: 0.9,
        adherenceTolerance: 0.1,
        targetShareWithinTolerance: 0.8,
        creditPerAdherenceBreach: 500,
        creditPerMissedMonth: 2000,
        invoiceTolerance: 0.02,
        creditPerLateReport: 50,
        creditPerComplianceIncident: 300,
      },
    });
    expect(contract.status, contract.text).toBe(201);

    // staffing: Monday 2 Nov reported on Tuesday 08:00 UTC (before 10:00 local: on time), Tuesday 3 Nov
    // on Wednesday 11:00 UTC (after 10:00 local: late); no other day of the month is ever reported
    const report = (period: string) => ({
      period,
      agentsInProduction: 8,
      agentsInTraining: 0,
      teamLeaders: 1,
      supervisors: 1,
      trainersQa: 0,
      hires: 0,
      leavers: 0,
      seatsInstalled: 10,
      seatsStaffed: 8,
      absenteeismPct: 0,
    });
    setClock(new Date('2026-11-03T08:00:00Z'));
    expect((await post(`/sites/${siteId}/staffing-reports`, report('2026-11-02'), partner)).status).toBe(201);
    setClock(new Date('2026-11-04T11:00:00Z'));
    expect((await post(`/sites/${siteId}/staffing-reports`, report('2026-11-03'), partner)).status).toBe(201);

    // seat minutes: 2 agents on call 10:00-10:59 UTC on Monday 23 November = 2 billable hours = 200 MAD
    for (let m = 0; m < 60; m++)
      await api.app.get(DataSource).query(
        `INSERT INTO live_site_minute (site_id, minute, seats, offline, available, on_call, wrap_up, paused, staffed)
         VALUES ($1, $2, 10, 8, 0, 2, 0, 0, 2)`,
        [siteId, new Date(Date.UTC(2026, 10, 23, 10, m))],
      );

    // a campaign at the site: 4 calls, leased at 12:45 Paris; 3 reported within the window, 1 made at 13:02
    setClock(new Date('2026-11-23T11:00:00Z'));
    const created = await post('/campaigns', {
      name: 'Obsèques SLA',
      product: 'prevoyance-obseques',
      targetVolume: 10,
      callerNumber: '01 62 00 00 01',
      contractOffers: ['prevoyance', 'obseques'],
      allocationStrategy: 'proportional_capacity',
      sites: [{ siteId, costPerHour: 14 }],
    });
    expect(created.status, created.text).toBe(201);
    const upload = await api.request(`/api/v1/campaigns/${created.body.id}/contacts`, {
      method: 'POST',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body: csvOf(contactRows(10, 8000)),
    });
    await waitFor(
      () => api.request(`/api/v1/imports/${upload.body.id}`, { token: manager }),
      (response) => response.body.status === 'completed',
    );
    expect((await post(`/campaigns/${created.body.id}/launch`, {})).status).toBe(200);
    setClock(new Date('2026-11-23T11:45:00Z'));
    const lease = await post(
      `/sites/${siteId}/batches/lease`,
      { size: 4, campaignId: created.body.id },
      partner,
    );
    expect(lease.body.contacts, lease.text).toHaveLength(4);
    const [a, b, c, d] = lease.body.contacts.map((contact: { contactId: string }) => contact.contactId);
    setClock(new Date('2026-11-23T11:50:00Z'));
    // the dialer reports the ARCEP number it presented with each call (without it, an incident)
    const ARCEP = '01 62 00 00 01';
    const within = await post(
      `/batches/${lease.body.id}/outcomes`,
      {
        outcomes: [
          { contactId: a, outcome: 'sale', at: '2026-11-23T11:46:00Z', callerNumber: ARCEP },
          { contactId: b, outcome: 'refused', at: '2026-11-23T11:47:00Z', callerNumber: ARCEP },
          { contactId: c, outcome: 'no_answer', at: '2026-11-23T11:48:00Z', callerNumber: ARCEP },
        ],
      },
      partner,
    );
    expect(within.status, within.text).toBe(200);
    setClock(new Date('2026-11-23T12:03:00Z'));
    const lunch = await post(
      `/batches/${lease.body.id}/outcomes`,
      { outcomes: [{ contactId: d, outcome: 'reached', at: '2026-11-23T12:02:00Z', callerNumber: ARCEP }] },
      partner,
    );
    expect(lunch.status, lunch.text).toBe(200);

    setClock(new Date('2026-12-05T12:00:00Z'));
    const check = await api.request('/api/v1/billing/check?month=2026-11', { token: manager });
    expect(check.status, check.text).toBe(200);
    const row = check.body.sites.find((s: { siteId: string }) => s.siteId === siteId);
    // November 2026 has 25 reporting days (30 days, 5 Sundays), all due by 1 December 10:00;
    // 2 Nov on time, the 24 others late: 24 x 50 = 1,200 MAD. One call in the lunch break: 300 MAD.
    // No requested hours: adherence is not measurable, said so, and earns no credit: 1,500 MAD in all.
    expect(row.adherenceReason).toMatch(/^no hours were requested of the site this month/);
    expect(row).toMatchObject({
      adherenceStatus: 'not_measurable',
      shareWithinTolerance: null,
      billableHours: 2,
      expectedAmount: 200,
      reportDueDays: 25,
      lateReports: 24,
      timelinessCredits: 1200,
      complianceIncidents: 1,
      complianceCredits: 300,
      adherenceCredits: 0,
      credits: 1500,
      // sale, refused and reached are reached contacts; 200 / 3 = 66.67 per reached, 200 per sale
      attempts: 4,
      reached: 3,
      sales: 1,
      costPerReached: 66.67,
      costPerSale: 200,
    });
    expect(row.campaigns).toEqual([
      {
        campaignId: created.body.id,
        campaignName: 'Obsèques SLA',
        attempts: 4,
        reached: 3,
        sales: 1,
        cost: 200,
        costPerReached: 66.67,
        costPerSale: 200,
      },
    ]);
    // the other Sittel sites have no contract: the partner's MAD figures are this site's
    expect(check.body.partners).toEqual([
      {
        partnerId: sittel.partnerId,
        currency: 'MAD',
        expectedAmount: 200,
        credits: 1500,
        attempts: 4,
        reached: 3,
        sales: 1,
        costPerReached: 66.67,
        costPerSale: 200,
        campaigns: row.campaigns,
      },
    ]);
  });
});
