import { IANAZone } from 'luxon';

/**
 * Interval volume forecasts: additive Holt–Winters (level, trend and a weekly season of 336
 * half-hours, which carries the daily shape of each weekday) against the seasonal-naive baseline
 * (the same interval one week earlier), and WAPE to compare them on held-out weeks.
 *
 * Holt–Winters, additive form, season length m, for each observation y_t:
 *   level    l_t = α (y_t − s_{t−m}) + (1 − α)(l_{t−1} + b_{t−1})
 *   trend    b_t = β (l_t − l_{t−1}) + (1 − β) b_{t−1}
 *   season   s_t = γ (y_t − l_t) + (1 − γ) s_{t−m}
 *   forecast ŷ_{t+h} = l_t + h·b_t + s_{t+h−m·⌈h/m⌉}, never below zero.
 * Started from the first two seasons (level = first season's mean, trend = difference of the two
 * means / m, season = first season minus its mean). α, β, γ are chosen on a small grid by the
 * one-step-ahead squared error over the history. (npm offers no maintained pure-JS ETS/MSTL port;
 * the WASM bindings of augurs were left aside to keep the build native-free.)
 *
 * The season is keyed on each interval's slot, not on its position: `slots[t]` is the season index
 * of the t-th interval (history first, then the horizon). By default the position modulo m; for
 * calls that follow a local clock, `localWeekSlots` gives the local interval of the week, so a
 * week with a daylight-saving change (335 or 337 intervals of absolute time) keeps 09:00 at 09:00.
 */
export const WEEK_INTERVALS = 48 * 7;

const INTERVAL_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

/**
 * The local interval of the week (0 = Monday 00:00–00:30, 335 = Sunday 23:30) of `count`
 * 30-minute intervals from `from` (epoch ms) in a time zone. In the autumn the repeated hour gives
 * the same slots twice; in the spring the skipped hour's slots do not occur.
 */
export function localWeekSlots(from: number, count: number, zone: string): Int16Array {
  const tz = IANAZone.create(zone);
  const slots = new Int16Array(count);
  for (let t = 0; t < count; t++) {
    const utc = from + t * INTERVAL_MS;
    const local = utc + tz.offset(utc) * 60_000;
    const day = Math.floor(local / DAY_MS);
    // 1 January 1970 was a Thursday (index 3 from Monday)
    slots[t] = ((((day + 3) % 7) + 7) % 7) * 48 + Math.floor((local - day * DAY_MS) / INTERVAL_MS);
  }
  return slots;
}

/** Position modulo m: the season of evenly spaced observations. */
function positionSlots(count: number, m: number): Int16Array {
  const slots = new Int16Array(count);
  for (let t = 0; t < count; t++) slots[t] = t % m;
  return slots;
}

export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
}

const GRID = {
  alpha: [0.02, 0.05, 0.1, 0.2, 0.4],
  beta: [0, 0.001, 0.01],
  gamma: [0.05, 0.1, 0.2, 0.35, 0.5],
};

interface Fit {
  params: HoltWintersParams;
  level: number;
  trend: number;
  season: Float64Array;
  sse: number;
}

function mean(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / (to - from);
}

function fit(
  history: ArrayLike<number>,
  m: number,
  slots: ArrayLike<number>,
  params: HoltWintersParams,
): Fit {
  const { alpha, beta, gamma } = params;
  const first = mean(history, 0, m);
  let level = first;
  let trend = (mean(history, m, 2 * m) - first) / m;
  const season = new Float64Array(m);
  for (let i = 0; i < m; i++) season[slots[i]] = history[i] - first;
  let sse = 0;
  for (let t = m; t < history.length; t++) {
    const slot = slots[t];
    const predicted = level + trend + season[slot];
    const error = history[t] - predicted;
    sse += error * error;
    const previous = level;
    level = alpha * (history[t] - season[slot]) + (1 - alpha) * (level + trend);
    trend = beta * (level - previous) + (1 - beta) * trend;
    season[slot] = gamma * (history[t] - level) + (1 - gamma) * season[slot];
  }
  return { params, level, trend, season, sse };
}

function slotsFor(slots: ArrayLike<number> | undefined, count: number, m: number): ArrayLike<number> {
  if (!slots) return positionSlots(count, m);
  if (slots.length < count) throw new RangeError(`slots cover ${slots.length} intervals of ${count}`);
  return slots;
}

/**
 * Holt–Winters fitted on `history` (at least two seasons), `horizon` steps ahead, with the chosen
 * parameters; `slots` (history then horizon) key the season, position modulo m by default.
 */
export function holtWinters(
  history: ArrayLike<number>,
  horizon: number,
  m = WEEK_INTERVALS,
  slots?: ArrayLike<number>,
): { forecast: number[]; params: HoltWintersParams } {
  if (history.length < 2 * m) throw new RangeError(`Holt–Winters needs two seasons (${2 * m} values)`);
  const keys = slotsFor(slots, history.length + horizon, m);
  let best: Fit | null = null;
  for (const alpha of GRID.alpha)
    for (const beta of GRID.beta)
      for (const gamma of GRID.gamma) {
        const candidate = fit(history, m, keys, { alpha, beta, gamma });
        if (!best || candidate.sse < best.sse) best = candidate;
      }
  const { level, trend, season, params } = best!;
  const forecast = Array.from({ length: horizon }, (_, h) =>
    Math.max(0, level + (h + 1) * trend + season[keys[history.length + h]]),
  );
  return { forecast, params };
}

/**
 * The newest observation of the same slot (the same interval one season earlier, repeated beyond
 * the first season ahead); a slot the history never had (a skipped hour) counts 0 calls.
 */
export function seasonalNaive(
  history: ArrayLike<number>,
  horizon: number,
  m = WEEK_INTERVALS,
  slots?: ArrayLike<number>,
): number[] {
  if (history.length < m) throw new RangeError(`seasonal naive needs one season (${m} values)`);
  const keys = slotsFor(slots, history.length + horizon, m);
  const last = new Float64Array(m);
  for (let t = 0; t < history.length; t++) last[keys[t]] = history[t];
  return Array.from({ length: horizon }, (_, h) => last[keys[history.length + h]]);
}

/** Weighted absolute percentage error: Σ|actual − forecast| / Σ actual (null when nothing was offered). */
export function wape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number | null {
  let error = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    error += Math.abs(actual[i] - forecast[i]);
    total += actual[i];
  }
  return total > 0 ? error / total : null;
}

export interface QueueForecast {
  /** Holt–Winters over the whole history, `horizon` intervals ahead */
  holtWinters: number[];
  /** the same interval one week before, over the same horizon */
  seasonalNaive: number[];
  params: HoltWintersParams;
  /** the last `holdout` intervals of the history, forecast by both methods fitted on what came before */
  heldOut: { actual: number[]; holtWinters: number[]; seasonalNaive: number[] };
  /** WAPE of both methods on the held-out intervals (null without any call in them) */
  wape: { holtWinters: number | null; seasonalNaive: number | null };
}

/**
 * Both methods side by side: each is fitted on the history without its last `holdout` intervals
 * and scored on them (WAPE), then fitted again on the whole history for the horizon. The history
 * needs two seasons before the held-out part; null when it is shorter. `slots` cover the history
 * then the horizon.
 */
export function forecastQueue(
  history: ArrayLike<number>,
  horizon: number,
  holdout: number,
  m = WEEK_INTERVALS,
  slots?: ArrayLike<number>,
): QueueForecast | null {
  if (history.length - holdout < 2 * m) return null;
  const keys = slotsFor(slots, history.length + horizon, m);
  const training = Array.prototype.slice.call(history, 0, history.length - holdout) as number[];
  const actual = Array.prototype.slice.call(history, history.length - holdout) as number[];
  const scored = holtWinters(training, holdout, m, keys).forecast;
  const naive = seasonalNaive(training, holdout, m, keys);
  const ahead = holtWinters(history, horizon, m, keys);
  return {
    holtWinters: ahead.forecast,
    seasonalNaive: seasonalNaive(history, horizon, m, keys),
    params: ahead.params,
    heldOut: { actual, holtWinters: scored, seasonalNaive: naive },
    wape: { holtWinters: wape(actual, scored), seasonalNaive: wape(actual, naive) },
  };
}
