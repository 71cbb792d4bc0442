import { describe, expect, it } from 'vitest';
import type { BillingContractView, PauseReasonCounts, SeatStateCounts } from '#contracts';
import {
  checkInvoiceLine,
  daySpan,
  deliveredDays,
  inEuros,
  type IntervalSample,
  lineAdherence,
  monthSpan,
  rateKey,
  rateTable,
  windowAmounts,
} from '#billing';

const asked = (hours: number, source: 'manager' | 'capacity_plan' = 'manager') => ({ hours, source });

const contract = (changes: Partial<BillingContractView> = {}): BillingContractView => ({
  id: 'c1',
  partnerId: 'p1',
  siteId: null,
  name: 'test',
  basis: 'productive_hour',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: null,
  contractedSeats: null,
  billableStates: ['on_call', 'wrap_up'],
  billablePauseReasons: ['training'],
  rates: [
    { validFrom: '2026-01-01', validTo: '2026-03-31', amount: 30 },
    { validFrom: '2026-04-01', validTo: null, amount: 33 },
  ],
  sla: {
    minIntervalAdherence: 0.9,
    adherenceTolerance: 0.1,
    targetShareWithinTolerance: 0.8,
    creditPerAdherenceBreach: 50,
    creditPerMissedMonth: 1000,
    invoiceTolerance: 0.02,
    creditPerLateReport: 0,
    creditPerComplianceIncident: 0,
  },
  createdAt: '2026-01-01T00:00:00Z',
  ...changes,
});

const sample = (
  minutes: number,
  counts: Partial<SeatStateCounts>,
  pauses: Partial<PauseReasonCounts> = {},
): IntervalSample => ({
  minutes,
  counts: { offline: 0, available: 0, on_call: 0, wrap_up: 0, paused: 0, ...counts },
  pauses: { break: 0, lunch: 0, training: 0, briefing: 0, coaching: 0, technical: 0, ...pauses },
});
const at = (iso: string) => Date.parse(iso);

describe('billing calendar', () => {
  it('gives local days of 23 and 25 hours where the offset changes (Casablanca around Ramadan, Paris DST)', () => {
    // Casablanca leaves UTC+1 for UTC+0 on 2026-02-15 at 03:00 local: a 25-hour day, 50 intervals
    const ramadanStart = daySpan('2026-02-15', 'Africa/Casablanca');
    expect((ramadanStart.to - ramadanStart.from) / 1_800_000).toBe(50);
    expect(new Date(ramadanStart.from).toISOString()).toBe('2026-02-14T23:00:00.000Z');
    // and back on 2026-03-22 at 02:00 local: 23 hours, 46 intervals
    const ramadanEnd = daySpan('2026-03-22', 'Africa/Casablanca');
    expect((ramadanEnd.to - ramadanEnd.from) / 1_800_000).toBe(46);
    expect(
      (daySpan('2026-03-29', 'Europe/Paris').to - daySpan('2026-03-29', 'Europe/Paris').from) / 3_600_000,
    ).toBe(23);
    expect(
      (daySpan('2026-10-25', 'Europe/Paris').to - daySpan('2026-10-25', 'Europe/Paris').from) / 3_600_000,
    ).toBe(25);
  });

  it("bounds a month by the site's local midnights: March in Casablanca ends at 23:00 UTC on the 31st", () => {
    const march = monthSpan('2026-03', 'Africa/Casablanca');
    // 1 March is in Ramadan (UTC+0), 1 April is not (UTC+1)
    expect(new Date(march.from).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(new Date(march.to).toISOString()).toBe('2026-03-31T23:00:00.000Z');
    expect(march.days).toHaveLength(31);
    expect(() => monthSpan('2026-13', 'Europe/Paris')).toThrow(/YYYY-MM/);
    expect(() => daySpan('2026-02-30', 'Europe/Paris')).toThrow(/real calendar day/);
  });
});

describe('delivered hours', () => {
  it('counts each hour of a 25-hour Paris day once, by state and pause reason, and shows gaps without counting them', () => {
    const span = daySpan('2026-10-25', 'Europe/Paris');
    const samples = new Map<number, IntervalSample>([
      // 02:00 local, first time (UTC+2): 30 minutes sampled, 4 on call and 2 at lunch each minute
      [at('2026-10-25T00:00:00Z'), sample(30, { on_call: 120, paused: 60 }, { lunch: 60 })],
      // 02:00 local again (UTC+1): only 20 minutes sampled, 3 in wrap-up and 2 in training each minute
      [at('2026-10-25T01:00:00Z'), sample(20, { wrap_up: 60, paused: 40 }, { training: 40 })],
    ]);
    const requested = new Map([
      [at('2026-10-25T00:00:00Z'), asked(1.5)], // 3 agents
      [at('2026-10-25T01:00:00Z'), asked(2)], // 4 agents
    ]);
    const [day] = deliveredDays({
      siteId: 's1',
      zone: 'Europe/Paris',
      span,
      samples,
      requested,
      contracts: [contract()],
    });
    expect(day.intervals).toHaveLength(50);
    const first = day.intervals.find((i) => i.start === '2026-10-25T00:00:00.000Z')!;
    const second = day.intervals.find((i) => i.start === '2026-10-25T01:00:00.000Z')!;
    expect([first.localTime, second.localTime]).toEqual(['02:00', '02:00']);
    // on call 120 seat-minutes = 2 h; lunch 60 = 1 h, not billable
    expect(first.hours.on_call).toBe(2);
    expect(first.pauseHours.lunch).toBe(1);
    expect(first.billableHours).toBe(2);
    // productive agents = 120 / 30 = 4 against 3 requested: adherence 4/3, over tolerance, no breach
    expect(first.adherence).toBeCloseTo(1.3333, 4);
    expect([first.withinTolerance, first.breach]).toEqual([false, false]);
    // wrap-up 60 = 1 h; training 40 = 0.6667 h, billable: 100 seat-minutes = 1.6667 h; 10 minutes of gap
    expect(second.billableHours).toBe(1.6667);
    expect(second.gapMinutes).toBe(10);
    // productive = 60 / 20 sampled minutes = 3 agents against 4: adherence 0.75, a breach
    expect(second.adherence).toBe(0.75);
    expect(second.breach).toBe(true);
    // day: billable 120 + 100 = 220 seat-minutes = 3.6667 h x 33 EUR (the rate from 1 April) = 121.00 EUR
    expect(day.billableHours).toBe(3.6667);
    expect(day.expectedAmount).toBe(121);
    // 50 intervals x 30 = 1,500 minutes, of which 30 + 20 sampled
    expect(day.sampledMinutes).toBe(50);
    expect(day.gapMinutes).toBe(1450);
    expect(day.requestedHours).toBe(3.5);
  });

  it("puts an interval in the site's local day and month, with the rate in force that day", () => {
    const samples = new Map<number, IntervalSample>([
      // 31 March 22:30 UTC = 23:30 local in Casablanca (UTC+1 after Ramadan): March, rate 30
      [at('2026-03-31T22:30:00Z'), sample(30, { on_call: 60 })],
      // 31 March 23:00 UTC = 1 April 00:00 local: April, rate 33
      [at('2026-03-31T23:00:00Z'), sample(30, { on_call: 60 })],
    ]);
    const days = (month: string) =>
      deliveredDays({
        siteId: 's1',
        zone: 'Africa/Casablanca',
        span: monthSpan(month, 'Africa/Casablanca'),
        samples,
        requested: new Map(),
        contracts: [contract()],
      });
    const march = days('2026-03');
    const april = days('2026-04');
    expect(march.at(-1)).toMatchObject({ date: '2026-03-31', billableHours: 1, expectedAmount: 30 });
    expect(april[0]).toMatchObject({ date: '2026-04-01', billableHours: 1, expectedAmount: 33 });
    // a site with no samples at all: every minute a gap, no hours
    expect(march.reduce((sum, day) => sum + day.sampledMinutes, 0)).toBe(30);
  });

  it("uses the site's own contract over its partner's, and leaves billing empty without one", () => {
    const span = daySpan('2026-05-04', 'Europe/Paris');
    const samples = new Map([[at('2026-05-04T08:00:00Z'), sample(30, { on_call: 30, available: 30 })]]);
    const own = contract({ id: 'site', siteId: 's1', billableStates: ['on_call', 'available'] });
    const [withOwn] = deliveredDays({
      siteId: 's1',
      zone: 'Europe/Paris',
      span,
      samples,
      requested: new Map(),
      contracts: [contract(), own],
    });
    expect(withOwn).toMatchObject({ contractId: 'site', billableHours: 1 });
    const [none] = deliveredDays({
      siteId: 's1',
      zone: 'Europe/Paris',
      span,
      samples,
      requested: new Map(),
      contracts: [],
    });
    expect(none).toMatchObject({ contractId: null, billableHours: null, expectedAmount: null });
    expect(none.hours).toMatchObject({ on_call: 0.5, available: 0.5 });
  });

  it('bills seats per month spread over the days, so the month sums to seats x rate', () => {
    const seats = contract({ basis: 'seat_month', contractedSeats: 40, currency: 'MAD' });
    const days = deliveredDays({
      siteId: 's1',
      zone: 'Africa/Casablanca',
      span: monthSpan('2026-02', 'Africa/Casablanca'),
      samples: new Map(),
      requested: new Map(),
      contracts: [seats],
    });
    // 40 seats x 30 MAD = 1,200 over February's 28 days
    expect(days.reduce((sum, day) => sum + day.expectedAmount!, 0)).toBeCloseTo(1200, 4);
  });
});

describe('line adherence, invoices, rates', () => {
  it('counts intervals within tolerance and breaches, and the credits they earn', () => {
    const span = daySpan('2026-05-04', 'Europe/Paris');
    const requested = new Map([
      [at('2026-05-04T08:00:00Z'), asked(5)], // 10 agents
      [at('2026-05-04T08:30:00Z'), asked(5)],
      [at('2026-05-04T09:00:00Z'), asked(5, 'capacity_plan')],
      [at('2026-05-04T09:30:00Z'), asked(5)], // no samples: not measured
    ]);
    const samples = new Map([
      [at('2026-05-04T08:00:00Z'), sample(30, { on_call: 300 })], // 10 agents: 1.0, within
      [at('2026-05-04T08:30:00Z'), sample(30, { on_call: 285 })], // 9.5: 0.95, within, no breach
      [at('2026-05-04T09:00:00Z'), sample(30, { on_call: 240 })], // 8: 0.8, breach
    ]);
    const days = deliveredDays({
      siteId: 's1',
      zone: 'Europe/Paris',
      span,
      samples,
      requested,
      contracts: [contract()],
    });
    const month = lineAdherence('s1', '2026-05', 'Europe/Paris', days, contract());
    // 2 of 3 within: 0.6667 < 0.8 target -> 1,000; one breach -> 50
    expect(month).toMatchObject({ measuredIntervals: 3, withinTolerance: 2, breaches: 1, credits: 1050 });
    expect(month.shareWithinTolerance).toBe(0.6667);
    expect(month).toMatchObject({
      status: 'measured',
      reason: null,
      requestedIntervals: { manager: 3, capacity_plan: 1 },
    });
  });

  it('says a month is not measurable, and why, instead of a share or a credit of 0', () => {
    const span = daySpan('2026-05-04', 'Europe/Paris');
    const samples = new Map([[at('2026-05-04T08:00:00Z'), sample(30, { on_call: 240 })]]); // 8 agents
    const month = (requested: Map<number, ReturnType<typeof asked>>, terms: BillingContractView | null) =>
      lineAdherence(
        's1',
        '2026-05',
        'Europe/Paris',
        deliveredDays({
          siteId: 's1',
          zone: 'Europe/Paris',
          span,
          samples,
          requested,
          contracts: terms ? [terms] : [],
        }),
        terms,
      );
    // nothing requested: 8 agents delivered would have breached a request of 10, but nobody asked for 10
    const unrequested = month(new Map(), contract());
    expect(unrequested).toMatchObject({
      status: 'not_measurable',
      measuredIntervals: 0,
      shareWithinTolerance: null,
      breaches: 0,
      credits: 0,
      requestedIntervals: { manager: 0, capacity_plan: 0 },
    });
    expect(unrequested.reason).toMatch(/^no hours were requested of the site this month/);
    // requested where the history has nothing
    const unsampled = month(new Map([[at('2026-05-04T12:00:00Z'), asked(5)]]), contract());
    expect(unsampled).toMatchObject({
      status: 'not_measurable',
      reason: 'no seat history in the 1 interval(s) with requested hours',
    });
    // requested and sampled, but no contract sets a tolerance: not a share of 0
    const uncontracted = month(new Map([[at('2026-05-04T08:00:00Z'), asked(5)]]), null);
    expect(uncontracted).toMatchObject({ status: 'not_measurable', shareWithinTolerance: null, credits: 0 });
    expect(uncontracted.reason).toMatch(/^no contract covers the site/);
  });

  it('flags an invoice line beyond tolerance, in another currency, or without a contract', () => {
    const terms = contract();
    const expected = { amount: 1000, billableHours: 33.3333 };
    // 2% of 1,000 = 20
    expect(checkInvoiceLine({ amount: 1019, hours: 33.33, currency: 'EUR' }, terms, expected)).toMatchObject({
      difference: 19,
      flagged: false,
    });
    expect(checkInvoiceLine({ amount: 1021, hours: 33.33, currency: 'EUR' }, terms, expected)).toMatchObject({
      difference: 21,
      flagged: true,
    });
    expect(
      checkInvoiceLine({ amount: 1000, hours: 40, currency: 'EUR' }, terms, expected).flagReason,
    ).toMatch(/hours/);
    expect(checkInvoiceLine({ amount: 1000, hours: 33.33, currency: 'MAD' }, terms, expected).flagged).toBe(
      true,
    );
    expect(checkInvoiceLine({ amount: 1000, hours: 33.33, currency: 'EUR' }, null, expected).flagged).toBe(
      true,
    );
  });

  it('lists the rates in force in each month', () => {
    const table = rateTable(
      contract({
        rates: [
          { validFrom: '2026-01-01', validTo: '2026-02-14', amount: 30 },
          { validFrom: '2026-02-15', validTo: null, amount: 31 },
        ],
      }),
      '2026-01',
      '2026-03',
    );
    expect(
      table.map((month) => [
        month.month,
        month.rates.map((rate) => [rate.validFrom, rate.validTo, rate.amount]),
      ]),
    ).toEqual([
      ['2026-01', [['2026-01-01', '2026-01-31', 30]]],
      [
        '2026-02',
        [
          ['2026-02-01', '2026-02-14', 30],
          ['2026-02-15', '2026-02-28', 31],
        ],
      ],
      ['2026-03', [['2026-03-01', '2026-03-31', 31]]],
    ]);
  });
});

describe('contract costs over a window, in euros', () => {
  it('prices the hours of a window by day and month, and converts each month at its own rate', () => {
    const mad = contract({
      currency: 'MAD',
      rates: [{ validFrom: '2026-01-01', validTo: null, amount: 100 }],
    });
    // Paris (UTC+2 since 29 March), 31 March 23:30 to 1 April 00:30 local: a window across two months
    const from = at('2026-03-31T21:30:00Z');
    const to = at('2026-03-31T22:30:00Z');
    const samples = [
      { start: at('2026-03-31T21:30:00Z'), ...sample(30, { on_call: 90, available: 30 }) }, // 1.5 h billable
      { start: at('2026-03-31T22:00:00Z'), ...sample(30, { on_call: 60, wrap_up: 60 }) }, // 2 h billable
    ];
    const { amounts, problem } = windowAmounts({
      siteId: 's1',
      zone: 'Europe/Paris',
      from,
      to,
      samples,
      contracts: [mad],
    });
    expect(problem).toBeNull();
    // available is not billable here: 90 seat-minutes = 1.5 h x 100 = 150 MAD in March; 2 h = 200 MAD in April
    expect(amounts).toEqual([
      { month: '2026-03', currency: 'MAD', amount: 150 },
      { month: '2026-04', currency: 'MAD', amount: 200 },
    ]);
    const rates = new Map([
      [rateKey('MAD', '2026-03'), 0.09],
      [rateKey('MAD', '2026-04'), 0.1],
    ]);
    // 150 x 0.09 + 200 x 0.10 = 13.50 + 20.00 = 33.50 EUR
    expect(inEuros(amounts, rates)).toEqual({ eur: 33.5, missing: [] });
    // a month without a rate: no sum at all, and which month lacks it
    expect(inEuros(amounts, new Map([[rateKey('MAD', '2026-03'), 0.09]]))).toEqual({
      eur: null,
      missing: ['MAD→EUR for 2026-04'],
    });
    // euros need no rate
    expect(inEuros([{ month: '2026-04', currency: 'EUR', amount: 12.5 }], new Map())).toEqual({
      eur: 12.5,
      missing: [],
    });
    // seats: 10 seats x 3,000 MAD in April (30 days) = 1,000 MAD a day; the window holds 30 minutes of 1 April
    const seats = contract({
      currency: 'MAD',
      basis: 'seat_month',
      contractedSeats: 10,
      rates: [{ validFrom: '2026-01-01', validTo: null, amount: 3000 }],
    });
    const seatAmounts = windowAmounts({
      siteId: 's1',
      zone: 'Europe/Paris',
      from: at('2026-03-31T22:00:00Z'),
      to,
      samples: [],
      contracts: [seats],
    });
    expect(seatAmounts.amounts).toEqual([{ month: '2026-04', currency: 'MAD', amount: 1000 / 48 }]);
    // no contract in force: a problem, not a cost of 0
    expect(
      windowAmounts({ siteId: 's1', zone: 'Europe/Paris', from, to, samples, contracts: [] }).problem,
    ).toBe('no contract covers the site on 2026-03-31');
  });
});
