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
 */
export const WEEK_INTERVALS = 48 * 7;

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
  /** index in `season` of the season value for the next step */
  next: number;
  sse: number;
}

function mean(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / (to - from);
}

function fit(history: ArrayLike<number>, m: number, params: HoltWintersParams): Fit {
  const { alpha, beta, gamma } = params;
  const first = mean(history, 0, m);
  let level = first;
  let trend = (mean(history, m, 2 * m) - first) / m;
  const season = new Float64Array(m);
  for (let i = 0; i < m; i++) season[i] = history[i] - first;
  let sse = 0;
  for (let t = m; t < history.length; t++) {
    const slot = t % m;
    const predicted = level + trend + season[slot];
    const error = history[t] - predicted;
    sse += error * error;
    const previous = level;
    level = alpha * (history[t] - season[slot]) + (1 - alpha) * (level + trend);
    trend = beta * (level - previous) + (1 - beta) * trend;
    season[slot] = gamma * (history[t] - level) + (1 - gamma) * season[slot];
  }
  return { params, level, trend, season, next: history.length % m, sse };
}

/** Holt–Winters fitted on `history` (at least two seasons), `horizon` steps ahead, with the chosen parameters. */
export function holtWinters(
  history: ArrayLike<number>,
  horizon: number,
  m = WEEK_INTERVALS,
): { forecast: number[]; params: HoltWintersParams } {
  if (history.length < 2 * m) throw new RangeError(`Holt–Winters needs two seasons (${2 * m} values)`);
  let best: Fit | null = null;
  for (const alpha of GRID.alpha)
    for (const beta of GRID.beta)
      for (const gamma of GRID.gamma) {
        const candidate = fit(history, m, { alpha, beta, gamma });
        if (!best || candidate.sse < best.sse) best = candidate;
      }
  const { level, trend, season, next, params } = best!;
  const forecast = Array.from({ length: horizon }, (_, h) =>
    Math.max(0, level + (h + 1) * trend + season[(next + h) % m]),
  );
  return { forecast, params };
}

/** The same interval one season earlier, repeated beyond the first season ahead. */
export function seasonalNaive(history: ArrayLike<number>, horizon: number, m = WEEK_INTERVALS): number[] {
  if (history.length < m) throw new RangeError(`seasonal naive needs one season (${m} values)`);
  const start = history.length - m;
  return Array.from({ length: horizon }, (_, h) => history[start + (h % m)]);
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
 * needs two seasons before the held-out part; null when it is shorter.
 */
export function forecastQueue(
  history: ArrayLike<number>,
  horizon: number,
  holdout: number,
  m = WEEK_INTERVALS,
): QueueForecast | null {
  if (history.length - holdout < 2 * m) return null;
  const training = Array.prototype.slice.call(history, 0, history.length - holdout) as number[];
  const actual = Array.prototype.slice.call(history, history.length - holdout) as number[];
  const scored = holtWinters(training, holdout, m).forecast;
  const naive = seasonalNaive(training, holdout, m);
  const ahead = holtWinters(history, horizon, m);
  return {
    holtWinters: ahead.forecast,
    seasonalNaive: seasonalNaive(history, horizon, m),
    params: ahead.params,
    heldOut: { actual, holtWinters: scored, seasonalNaive: naive },
    wape: { holtWinters: wape(actual, scored), seasonalNaive: wape(actual, naive) },
  };
}
