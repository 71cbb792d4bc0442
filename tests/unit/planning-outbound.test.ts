import { describe, expect, it } from 'vitest';
import { CALENDAR_NAMES, callingTimeRule } from '#campaigns';
import {
  HANDLE_PRIOR,
  type HandleSample,
  INTERVAL_SECONDS,
  lawfulStarts,
  measureHandleTimes,
  type OutboundCampaign,
  OUTBOUND_DEFAULTS,
  outboundPlan,
} from '#planning';

const iso = (at: number) => new Date(at).toISOString();
const utc = (at: string) => Date.parse(at);

describe('handle times by outcome, measured from seat-minutes and attempts', () => {
  // 20 reached and 20 not, then 10 and 40; the seats' minutes are those of 300 s + 60 s per reached
  // attempt and 30 s + 0 s per unreached one: (20 × 300 + 20 × 30) / 60 = 110 minutes on a call, …
  const samples: HandleSample[] = [
    { talkMinutes: 110, wrapUpMinutes: 20, sampledMinutes: 30, reached: 20, unreached: 20 },
    { talkMinutes: 70, wrapUpMinutes: 10, sampledMinutes: 30, reached: 10, unreached: 40 },
  ];

  it('assumes the prior without seat history, and says so', () => {
    const none = measureHandleTimes([]);
    expect(none).toEqual({
      reached: { talkSeconds: 330, wrapUpSeconds: 90, seconds: 420, source: 'assumed', attempts: 0 },
      unreached: { talkSeconds: 45, wrapUpSeconds: 0, seconds: 45, source: 'assumed', attempts: 0 },
      intervals: 0,
      busySeatMinutes: 0,
    });
    expect(OUTBOUND_DEFAULTS).toMatchObject({ reachedSeconds: 420, unreachedSeconds: 45 });
  });

  it('fits talk and wrap-up of each kind by least squares, the prior weighing 5 attempts; hand-computed, never negative', () => {
    // talk: XᵀX = [[500, 800], [800, 2000]], Xᵀy = [174,000, 300,000]; the prior adds
    // 5 × 500 / 30 = 250/3 and 5 × 2000 / 60 = 500/3 on the diagonal and times (330, 45) to Xᵀy:
    // [[1750/3, 800], [800, 6500/3]] h = [201,500, 307,500], det = 5,615,000/9
    // → h = (1,715,250,000 / 5,615,000, 163,575,000 / 5,615,000) = (343,050 / 1,123, 32,715 / 1,123)
    // wrap-up: Xᵀy = [30,000, 48,000] + (250/3 × 90, 0) → (77,130 / 1,123, −3,600 / 1,123) → 0 for the second
    const times = measureHandleTimes(samples);
    expect(times.reached.talkSeconds).toBeCloseTo(343_050 / 1_123, 9);
    expect(times.unreached.talkSeconds).toBeCloseTo(32_715 / 1_123, 9);
    expect(times.reached.wrapUpSeconds).toBeCloseTo(77_130 / 1_123, 9);
    expect(times.unreached.wrapUpSeconds).toBe(0);
    expect(times).toMatchObject({
      reached: { source: 'measured', attempts: 30, seconds: expect.closeTo((343_050 + 77_130) / 1_123, 9) },
      unreached: { source: 'measured', attempts: 60 },
      intervals: 2,
      busySeatMinutes: 210,
    });
  });

  it('converges on what the seats spent as the sample grows', () => {
    const many = samples.map((s) => ({
      ...s,
      talkMinutes: s.talkMinutes * 100,
      wrapUpMinutes: s.wrapUpMinutes * 100,
      reached: s.reached * 100,
      unreached: s.unreached * 100,
    }));
    const times = measureHandleTimes(many);
    expect(times.reached.talkSeconds).toBeCloseTo(300, 0);
    expect(times.reached.wrapUpSeconds).toBeCloseTo(60, 0);
    expect(times.unreached.talkSeconds).toBeCloseTo(30, 0);
    expect(times.unreached.wrapUpSeconds).toBeCloseTo(0, 0);
  });

  it('leaves out intervals without a seat sample of the campaign', () => {
    const unseen = { talkMinutes: 0, wrapUpMinutes: 0, sampledMinutes: 0, reached: 50, unreached: 50 };
    expect(measureHandleTimes([...samples, unseen])).toEqual(measureHandleTimes(samples));
  });

  it('assumes a kind with fewer than 30 attempts and takes its share of the seat time off before fitting the other', () => {
    // 5 reached (assumed 330 + 90 s) and 50 not (truly 30 + 10 s) in each of two intervals:
    // talk (5 × 330 + 50 × 30) / 60 = 52.5 minutes, wrap-up (5 × 90 + 50 × 10) / 60 = 15.8333…
    const few = Array.from({ length: 2 }, () => ({
      talkMinutes: 52.5,
      wrapUpMinutes: 950 / 60,
      sampledMinutes: 30,
      reached: 5,
      unreached: 50,
    }));
    const times = measureHandleTimes(few);
    expect(times.reached).toEqual({ ...HANDLE_PRIOR.reached, seconds: 420, source: 'assumed', attempts: 10 });
    // one unknown: (Σx·y′ + λ·μ) / (Σx² + λ), λ = 5 × 5,000 / 100 = 250:
    // talk (2 × 50 × 1,500 + 250 × 45) / 5,250, wrap-up (2 × 50 × 500 + 0) / 5,250
    expect(times.unreached).toMatchObject({ source: 'measured', attempts: 100 });
    expect(times.unreached.talkSeconds).toBeCloseTo(161_250 / 5_250, 9);
    expect(times.unreached.wrapUpSeconds).toBeCloseTo(50_000 / 5_250, 9);
  });
});

describe("outbound intervals on each consumer's calendar", () => {
  const day = (from: string, to: string, calendar: string) =>
    lawfulStarts(calendar, utc(from), utc(to)).map(iso);

  it("takes each territory's clock and public holidays", () => {
    // Good Friday 2026 (3 April): Alsace-Moselle rests, the rest of metropolitan France works 10-13 and 14-20 CEST
    const goodFriday = day('2026-04-03T00:00:00Z', '2026-04-04T00:00:00Z', 'FR');
    expect(goodFriday).toHaveLength(18);
    expect([goodFriday[0], goodFriday.at(-1)]).toEqual([
      '2026-04-03T08:00:00.000Z',
      '2026-04-03T17:30:00.000Z',
    ]);
    expect(day('2026-04-03T00:00:00Z', '2026-04-04T00:00:00Z', 'FR-AM')).toEqual([]);
    // Réunion (UTC+4) on Monday 23 November 2026: 06:00-09:00 and 10:00-16:00 UTC
    const reunion = day('2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z', 'RE');
    expect(reunion).toHaveLength(18);
    expect([reunion[0], reunion[5], reunion[6], reunion.at(-1)]).toEqual([
      '2026-11-23T06:00:00.000Z',
      '2026-11-23T08:30:00.000Z',
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T15:30:00.000Z',
    ]);
    // Guadeloupe (UTC−4): 14:00-17:00 and 18:00-24:00 UTC; the UTC day starts on its Sunday evening
    const guadeloupe = day('2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z', 'GP');
    expect([guadeloupe.length, guadeloupe[0], guadeloupe.at(-1)]).toEqual([
      18,
      '2026-11-23T14:00:00.000Z',
      '2026-11-23T23:30:00.000Z',
    ]);
    // 22 May 2026, the abolition of slavery in Martinique: a holiday there only
    expect(day('2026-05-22T00:00:00Z', '2026-05-23T00:00:00Z', 'MQ')).toEqual([]);
    expect(day('2026-05-22T00:00:00Z', '2026-05-23T00:00:00Z', 'FR')).toHaveLength(18);
    expect(day('2026-05-22T00:00:00Z', '2026-05-23T00:00:00Z', 'XX')).toEqual([]);
  });

  it('are exactly the interval starts the calling rules allow, every calendar, across the spring and autumn changes', () => {
    for (const [from, to] of [
      ['2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z'],
      ['2026-10-20T00:00:00Z', '2026-11-16T00:00:00Z'],
    ])
      for (const calendar of CALENDAR_NAMES) {
        const allowed: string[] = [];
        for (let start = utc(from); start < utc(to); start += INTERVAL_SECONDS * 1000)
          if (callingTimeRule(calendar, new Date(start)) === null) allowed.push(iso(start));
        expect(day(from, to, calendar), calendar).toEqual(allowed);
      }
  });

  const campaign = (calendars: OutboundCampaign['calendars'], endsAt: number | null): OutboundCampaign => ({
    id: 'c',
    name: 'c',
    endsAt,
    contactsLeft: calendars.reduce((sum, group) => sum + group.contacts, 0),
    calendars,
    attempts: 0,
    reached: 0,
    sites: [{ siteId: 's', share: 1 }],
  });
  const monday11 = utc('2026-11-23T10:00:00Z'); // 11:00 Paris

  it('is overdue when a calendar has no lawful interval left before the end date, and not otherwise', () => {
    const thursday = utc('2026-04-02T18:00:00Z');
    const friday = utc('2026-04-03T18:00:00Z'); // Good Friday, 20:00 Paris
    const alsace = outboundPlan(
      campaign([{ calendar: 'FR-AM', contacts: 10 }], friday),
      thursday,
      lawfulStarts,
      0,
    );
    expect(alsace).toMatchObject({ overdue: true, lawfulIntervals: 0, intervals: [] });
    const paris = outboundPlan(
      campaign([{ calendar: 'FR', contacts: 10 }], friday),
      thursday,
      lawfulStarts,
      0,
    );
    expect(paris).toMatchObject({ overdue: false, lawfulIntervals: 18 });
  });

  it('without an end date, plans at the agents there are today, each interval shared by the calendars open in it', () => {
    const plan = outboundPlan(
      campaign(
        [
          { calendar: 'FR', contacts: 200 },
          { calendar: 'RE', contacts: 100 },
        ],
        null,
      ),
      monday11,
      lawfulStarts,
      2,
    );
    const perAgent = OUTBOUND_DEFAULTS.maxOccupancy * INTERVAL_SECONDS;
    const planned = plan.intervals.reduce((sum, i) => sum + i.agents * perAgent, 0);
    expect(planned).toBeCloseTo(plan.workHours * 3600, 6);
    for (const { agents } of plan.intervals) expect(agents).toBeLessThanOrEqual(2 + 1e-9);
    // Monday 11:00-20:00 Paris, then Tuesday from 07:00 Paris: 41 intervals, the last one partly used
    expect(plan.intervals).toHaveLength(41);
    expect(plan.finishesAt).toBe(plan.intervals.at(-1)!.start + INTERVAL_SECONDS * 1000);
    // Réunion's morning (07:00-10:00 Paris) is worked before Paris opens
    expect(plan.intervals.map((i) => iso(i.start))).toContain('2026-11-24T06:00:00.000Z');
    expect(plan.calendars.map((c) => [c.calendar, c.contactsLeft])).toEqual([
      ['FR', 200],
      ['RE', 100],
    ]);
    const planEnd = outboundPlan(
      campaign([{ calendar: 'FR', contacts: 0 }], null),
      monday11,
      lawfulStarts,
      2,
    );
    expect(planEnd).toMatchObject({ finishesAt: monday11, lawfulIntervals: 0, overdue: false });
  });
});
