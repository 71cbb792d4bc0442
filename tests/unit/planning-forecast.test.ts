import { describe, expect, it } from 'vitest';
import { demoVolumes } from '#demo';
import { holtWinters, seasonalNaive, wape, WEEK_INTERVALS } from '#planning';

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

  it('refuses too short a history', () => {
    expect(() => holtWinters([1, 2, 3], 1)).toThrow(RangeError);
  });
});
