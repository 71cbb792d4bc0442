import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  headcountSeries,
  isoWeekOf,
  latestDueReport,
  monthRange,
  monthsBetween,
  parsePeriod,
  parseReportRow,
  sitesNamedIn,
  type CsvLayout,
  type ReportSite,
  type SiteMonth,
} from '#staffing';

describe('report periods', () => {
  it('parses real days and ISO weeks, Monday to Sunday', () => {
    expect(parsePeriod('2026-02-28')).toEqual({
      period: '2026-02-28',
      kind: 'day',
      start: '2026-02-28',
      end: '2026-02-28',
    });
    expect(parsePeriod('2026-W01')).toMatchObject({ kind: 'week', start: '2025-12-29', end: '2026-01-04' });
    expect(parsePeriod('2026-W53')).toMatchObject({ start: '2026-12-28', end: '2027-01-03' });
    expect(parsePeriod('2020-W53')).toMatchObject({ start: '2020-12-28', end: '2021-01-03' });
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
  });

  it('refuses impossible dates and weeks', () => {
    for (const text of [
      '2026-02-29',
      '2026-13-01',
      '2026-W00',
      '2025-W53',
      '2026-1-1',
      '26-W01',
      'yesterday',
    ])
      expect(parsePeriod(text), text).toBeNull();
  });
});

describe('report due time', () => {
  it('is 10:00 site time the next day; Sunday is not a reporting day', () => {
    // Monday 09:59 in Paris: Saturday's report is due (due Sunday 10:00), Sunday's is not expected
    expect(latestDueReport(new Date('2026-03-09T08:59:00Z'), 'Europe/Paris')).toEqual({
      day: '2026-03-07',
      dueAt: new Date('2026-03-08T09:00:00Z'),
    });
    // Monday 10:00: still Saturday (Sunday skipped); Tuesday 10:00: Monday's report
    expect(latestDueReport(new Date('2026-03-09T09:00:00Z'), 'Europe/Paris').day).toBe('2026-03-07');
    expect(latestDueReport(new Date('2026-03-10T09:00:00Z'), 'Europe/Paris').day).toBe('2026-03-09');
    // the same instant is another local day in a UTC+1 zone (Lagos: no DST, so the expectation
    // does not move with tz data releases; Morocco's offset changed in tzdata 2026e, Node 24)
    expect(latestDueReport(new Date('2026-11-21T08:30:00Z'), 'Africa/Lagos').day).toBe('2026-11-19');
    expect(latestDueReport(new Date('2026-11-21T09:30:00Z'), 'Africa/Lagos').day).toBe('2026-11-20');
  });
});

describe('CSV rows', () => {
  const site: ReportSite = {
    id: 'a0000000-0000-4000-8000-000000000001',
    partnerId: 'p',
    status: 'active',
    today: '2026-11-22',
  };
  const sites = new Map([[site.id, site]]);
  const layout = Object.fromEntries(CSV_COLUMNS.map((name, index) => [name, index])) as CsvLayout;
  const row = (overrides: Record<string, string> = {}) => {
    const values: Record<string, string> = {
      siteId: site.id,
      period: '2026-11-20',
      agentsInProduction: '10',
      agentsInTraining: '2',
      teamLeaders: '1',
      supervisors: '1',
      trainersQa: '0',
      hires: '0',
      leavers: '1',
      seatsInstalled: '12',
      seatsStaffed: '10',
      absenteeismPct: '4.25',
      attritionNotes: '',
      ...overrides,
    };
    return CSV_COLUMNS.map((name) => values[name]);
  };

  it('turns a good row into a draft', () => {
    expect(parseReportRow(row(), layout, sites).draft).toMatchObject({
      siteId: site.id,
      partnerId: 'p',
      periodKind: 'day',
      agentsInProduction: 10,
      absenteeismPct: 4.25,
      attritionNotes: null,
    });
  });

  it('names every field that is wrong', () => {
    const fields = (overrides: Record<string, string>) =>
      parseReportRow(row(overrides), layout, sites).problems?.map((problem) => problem.field);
    expect(fields({ agentsInProduction: '-1', hires: '1.5', absenteeismPct: '100.01' })).toEqual([
      'agentsInProduction',
      'hires',
      'absenteeismPct',
    ]);
    expect(fields({ siteId: 'b0000000-0000-4000-8000-000000000002', period: '2026-02-30' })).toEqual([
      'siteId',
      'period',
    ]);
    expect(fields({ seatsStaffed: '13' })).toEqual(['seatsStaffed']);
    expect(fields({ period: '2026-11-23' })).toEqual(['period']);
    expect(fields({ agentsInTraining: '' })).toEqual(['agentsInTraining']);
  });

  it('refuses reports from a site that is not active', () => {
    const closed = new Map([[site.id, { ...site, status: 'closed' }]]);
    expect(parseReportRow(row(), layout, closed).problems).toEqual([
      { field: 'siteId', message: expect.stringContaining('closed, not active') },
    ]);
  });
});

describe('headcount series', () => {
  const month = (siteId: string, m: string, headcount: number, leavers = 0): SiteMonth => ({
    siteId,
    month: m,
    headcount,
    agentsInProduction: headcount - 10,
    agentsInTraining: 5,
    seatsStaffed: headcount - 20,
    seatsInstalled: 100,
    hires: 0,
    leavers,
    averageHeadcount: headcount,
  });

  it('gives growth against the month before the range, and null where nothing was reported', () => {
    const [series] = headcountSeries(
      [{ key: 'p', label: 'P', siteIds: ['a', 'b'] }],
      ['2026-01', '2026-02', '2026-03'],
      '2025-12',
      [
        month('a', '2025-12', 80),
        month('a', '2026-01', 100, 5),
        month('b', '2026-01', 20),
        month('a', '2026-03', 90),
      ],
      [{ siteId: 'b', month: '2026-02', headcount: 30 }],
    );
    expect(series.points.map((p) => [p.month, p.headcount, p.growthPct, p.plan, p.variance])).toEqual([
      ['2026-01', 120, 50, null, null],
      ['2026-02', null, null, 30, null],
      ['2026-03', 90, null, null, null],
    ]);
    expect(series.points[0]).toMatchObject({
      leavers: 5,
      attritionRate: 0.0417,
      fte: 110,
      seatUtilisation: 1.375,
    });
  });

  it('checks month ranges', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange({}, new Date('2026-11-22T00:00:00Z'))).toEqual({ from: '2025-12', to: '2026-11' });
    expect(() => monthRange({ from: '2026-03', to: '2026-01' }, new Date())).toThrow(/after/);
    expect(() => monthRange({ from: '2000-01', to: '2026-01' }, new Date())).toThrow(/At most/);
    expect(() => monthRange({ to: '2026-00' }, new Date())).toThrow(/not a month/);
  });
});

describe('sites a staffing CSV names', () => {
  const site = (id: string): ReportSite => ({ id, partnerId: 'p', status: 'active', today: '2026-11-22' });
  const a = 'a0000000-0000-4000-8000-00000000000a';
  const b = 'b0000000-0000-4000-8000-00000000000b';
  const c = 'c0000000-0000-4000-8000-00000000000c';
  const sites = new Map([a, b, c].map((id) => [id, site(id)]));

  it('finds every site id of the caller written in the file, in lower or upper case, even cut between two chunks', async () => {
    const text = `siteId,period\n${a},2026-11-20\n"${b.toUpperCase()}",2026-11-20\nd0000000-0000-4000-8000-00000000000d,2026-11-20\n`;
    for (let cut = 1; cut < text.length; cut += 7) {
      const named = await sitesNamedIn(
        Readable.from([Buffer.from(text.slice(0, cut)), Buffer.from(text.slice(cut))]),
        sites,
      );
      expect(named.sort(), `cut at ${cut}`).toEqual([a, b]);
    }
  });

  it('does not find an id written in mixed case (the writer then takes the locked way)', async () => {
    const mixed = `${a.slice(0, 10)}${a.slice(10).toUpperCase()}`;
    expect(await sitesNamedIn(Readable.from([`siteId,period\n${mixed},2026-11-20\n`]), sites)).toEqual([]);
  });

  it('counts an id written in a note too: the sites it finds are a superset of those the rows name', async () => {
    const named = await sitesNamedIn(
      Readable.from([`siteId,period,attritionNotes\n${a},2026-11-20,"moved from ${c}"\n`]),
      sites,
    );
    expect(named.sort()).toEqual([a, c]);
  });
});
