import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { demoVolumes } from '#demo';
import { forecastQueue, holtWinters, localWeekSlots, seasonalNaive, wape, WEEK_INTERVALS } from '#planning';

const PARIS = 'Europe/Paris';
const HALF_HOUR = 30 * 60_000;

/** Calls of an interval by its Paris clock: a weekday shape with a peak at 09:00, nothing at night. */
function parisCalls(start: number): number {
  const local = DateTime.fromMillis(start, { zone: PARIS });
  const minute = local.hour * 60 + local.minute;
  if (minute < 8 * 60 || minute >= 20 * 60) return 0;
  return (local.weekday >= 6 ? 10 : 30) + (minute === 9 * 60 ? 200 : 0) + local.weekday;
}

/** Intervals of absolute time from one Paris midnight to another (a DST week has 335 or 337). */
function intervalsBetween(fromDate: string, toDate: string): number[] {
  const from = DateTime.fromISO(fromDate, { zone: PARIS }).toMillis();
  const to = DateTime.fromISO(toDate, { zone: PARIS }).toMillis();
  return Array.from({ length: (to - from) / HALF_HOUR }, (_, i) => from + i * HALF_HOUR);
}

describe('forecast', () => {
  it('WAPE is the absolute error over the volume', () => {
    expect(wape([10, 0, 30], [12, 1, 27])).toBeCloseTo(6 / 40, 12);
    expect(wape([0, 0], [1, 2])).toBeNull();
  });

  it('seasonal naive repeats last week; Holt–Winters follows an exact weekly pattern with a trend within 3%', () => {
    const pattern = Array.from(
      { length: WEEK_INTERVALS },
      (_, i) => 50 + 40 * Math.sin((2 * Math.PI * i) / 48),
    );
    const history = Array.from(
      { length: WEEK_INTERVALS * 6 },
      (_, t) => pattern[t % WEEK_INTERVALS] + 0.01 * t,
    );
    expect(seasonalNaive(history, 3)).toEqual(history.slice(WEEK_INTERVALS * 5, WEEK_INTERVALS * 5 + 3));
    const { forecast } = holtWinters(history, WEEK_INTERVALS);
    const truth = Array.from(
      { length: WEEK_INTERVALS },
      (_, h) => pattern[h % WEEK_INTERVALS] + 0.01 * (WEEK_INTERVALS * 6 + h),
    );
    expect(wape(truth, forecast)!).toBeLessThan(0.03);
  });

  it('on the demo volumes (weekly and daily seasonality, noise) beats or matches seasonal naive on held-out weeks', () => {
    const volumes = demoVolumes('2026-06-01', 7 * 10, 300, 7).map((v) => v.calls);
    const train = volumes.slice(0, WEEK_INTERVALS * 8);
    const heldOut = volumes.slice(WEEK_INTERVALS * 8);
    const hw = wape(heldOut, holtWinters(train, heldOut.length).forecast)!;
    const naive = wape(heldOut, seasonalNaive(train, heldOut.length))!;
    expect(hw).toBeLessThan(naive);
    expect(hw).toBeLessThan(0.15);
  });

  // last Sundays of March and October 2026: 29 March (02:00 → 03:00) and 25 October (03:00 → 02:00)
  for (const [season, historyFrom, changeWeek, weekAfter] of [
    ['spring', '2026-03-02', '2026-03-23', '2026-04-06'],
    ['autumn', '2026-09-28', '2026-10-19', '2026-11-02'],
  ] as const)
    it(`keys the season on the Paris interval of the week across the ${season} change: 09:00 stays 09:00`, () => {
      // three winter (or summer) weeks, then the week of the change and the week after it, forecast
      const history = intervalsBetween(historyFrom, changeWeek);
      const ahead = intervalsBetween(changeWeek, weekAfter);
      expect(ahead.length).toBe(2 * WEEK_INTERVALS + (season === 'spring' ? -2 : 2));
      const slots = localWeekSlots(history[0], history.length + ahead.length, PARIS);
      const calls = history.map(parisCalls);
      const truth = ahead.map(parisCalls);
      const { forecast } = holtWinters(calls, ahead.length, WEEK_INTERVALS, slots);
      const naive = seasonalNaive(calls, ahead.length, WEEK_INTERVALS, slots);
      forecast.forEach((value, i) =>
        expect(value, new Date(ahead[i]).toISOString()).toBeCloseTo(truth[i], 6),
      );
      expect(naive).toEqual(truth);
      // the Sunday after the change: the 09:00 peak at 07:00 UTC in summer time, 08:00 UTC in winter time
      const peak = ahead.find((start) => parisCalls(start) > 200 && new Date(start).getUTCDay() === 0)!;
      expect(new Date(peak).toISOString().slice(11, 16)).toBe(season === 'spring' ? '07:00' : '08:00');

      // a history that holds the change: the fit is exact on both sides of it, and so is the week after
      const across = intervalsBetween(historyFrom, weekAfter);
      const next = intervalsBetween(weekAfter, DateTime.fromISO(weekAfter).plus({ weeks: 1 }).toISODate()!);
      const result = forecastQueue(
        across.map(parisCalls),
        next.length,
        WEEK_INTERVALS,
        WEEK_INTERVALS,
        localWeekSlots(across[0], across.length + next.length, PARIS),
      )!;
      expect(result.wape).toEqual({ holtWinters: expect.closeTo(0, 9), seasonalNaive: 0 });
      result.holtWinters.forEach((value, i) => expect(value).toBeCloseTo(parisCalls(next[i]), 6));
    });

  it('numbers the local intervals of the week from Monday 00:00, the repeated hour twice and the skipped one never', () => {
    const monday = DateTime.fromISO('2026-11-23T00:00', { zone: PARIS }).toMillis();
    expect(Array.from(localWeekSlots(monday, 3, PARIS))).toEqual([0, 1, 2]);
    expect(localWeekSlots(monday - HALF_HOUR, 1, PARIS)[0]).toBe(WEEK_INTERVALS - 1);
    // Sunday 29 March 2026 01:00 Paris (00:00 UTC): 01:00, 01:30, then 03:00
    const spring = Date.UTC(2026, 2, 29, 0, 0);
    expect(Array.from(localWeekSlots(spring, 3, PARIS))).toEqual([6 * 48 + 2, 6 * 48 + 3, 6 * 48 + 6]);
    // Sunday 25 October 2026 02:00 CEST (00:00 UTC): 02:00, 02:30, 02:00 again, 02:30, 03:00
    const autumn = Date.UTC(2026, 9, 25, 0, 0);
    expect(Array.from(localWeekSlots(autumn, 5, PARIS))).toEqual([292, 293, 292, 293, 294]);
  });

  it('refuses too short a history', () => {
    expect(() => holtWinters([1, 2, 3], 1)).toThrow(RangeError);
  });
});
