/**
 * A campaign's handle times by outcome, measured from its seats' minute history and its attempts.
 *
 * Outcomes fall in two kinds: an attempt that reached someone (reached, sale, refused, callback,
 * do_not_call) holds an agent for its talk and its wrap-up; one that reached nobody (no_answer,
 * wrong_number) for its dialling and ringing, and whatever wrap-up follows it. Seats are sampled
 * once a minute, by campaign: in each 30-minute interval i the campaign's seats spent T_i
 * seat-minutes on a call and W_i in wrap-up while r_i reached and u_i unreached attempts were made.
 * Each of talk and wrap-up is fitted as
 *   60·T_i ≈ r_i·talk_reached + u_i·talk_unreached   (and the same for W_i and wrap-up)
 * by least squares over the intervals, with a ridge toward the prior (Bayesian linear regression
 * with a normal prior): the prior of a kind weighs as PRIOR_WEIGHT_ATTEMPTS attempts of it, so
 * intervals whose reach rates hardly differ (where the two kinds cannot be told apart) stay near
 * the prior's split while their total follows the data. A kind with fewer than
 * MIN_MEASURED_ATTEMPTS attempts in intervals with seat history is not measured: its prior is
 * taken as it is (source `assumed`) and its share of the seat-minutes is taken off before the
 * other kind is fitted. Intervals without any seat sample of the campaign are left out (their
 * calls were not seen on the seats). Estimates are never negative.
 */

export type OutcomeKind = 'reached' | 'unreached';

/** One interval of a campaign: seat-minutes of its seats and its attempts by kind. */
export interface HandleSample {
  /** seat-minutes on a call (dialling, ringing, talking) */
  talkMinutes: number;
  /** seat-minutes in wrap-up */
  wrapUpMinutes: number;
  /** minutes of the interval with a seat sample of the campaign (0: no seat history) */
  sampledMinutes: number;
  reached: number;
  unreached: number;
}

export interface HandleTime {
  /** on a call: talk of a reached attempt, dialling and ringing of an unreached one */
  talkSeconds: number;
  wrapUpSeconds: number;
  /** talk + wrap-up: what one attempt of this kind holds an agent */
  seconds: number;
  source: 'measured' | 'assumed';
  /** attempts of this kind in the intervals with seat history (the sample) */
  attempts: number;
}

export interface HandleTimes {
  reached: HandleTime;
  unreached: HandleTime;
  /** intervals with seat history and at least one attempt */
  intervals: number;
  /** seat-minutes on a call or in wrap-up in them */
  busySeatMinutes: number;
}

export interface HandlePrior {
  reached: { talkSeconds: number; wrapUpSeconds: number };
  unreached: { talkSeconds: number; wrapUpSeconds: number };
}

/** Assumed when too little is measured: 5 min 30 s of talk and 1 min 30 s of wrap-up; 45 s of dialling and ringing. */
export const HANDLE_PRIOR: HandlePrior = {
  reached: { talkSeconds: 330, wrapUpSeconds: 90 },
  unreached: { talkSeconds: 45, wrapUpSeconds: 0 },
};

/** Attempts of a kind needed before its handle time is measured rather than assumed. */
export const MIN_MEASURED_ATTEMPTS = 30;

/** How many attempts the prior of a kind weighs as in the fit. */
export const PRIOR_WEIGHT_ATTEMPTS = 5;

const KINDS: OutcomeKind[] = ['reached', 'unreached'];
const COMPONENTS = ['talkSeconds', 'wrapUpSeconds'] as const;

/** The handle times of a campaign from its intervals (see above). */
export function measureHandleTimes(samples: HandleSample[], prior: HandlePrior = HANDLE_PRIOR): HandleTimes {
  const used = samples.filter((s) => s.sampledMinutes > 0 && s.reached + s.unreached > 0);
  const count = (kind: OutcomeKind) => used.reduce((sum, s) => sum + s[kind], 0);
  const attempts = { reached: count('reached'), unreached: count('unreached') };
  const measured = KINDS.filter((kind) => attempts[kind] >= MIN_MEASURED_ATTEMPTS);
  const fitted = { reached: { ...prior.reached }, unreached: { ...prior.unreached } };
  for (const component of COMPONENTS) {
    const seconds = (s: HandleSample) => 60 * (component === 'talkSeconds' ? s.talkMinutes : s.wrapUpMinutes);
    // what the measured kinds must explain: the seat time less the assumed kinds' share
    const rest = (s: HandleSample) =>
      seconds(s) -
      KINDS.filter((kind) => !measured.includes(kind)).reduce(
        (sum, kind) => sum + s[kind] * prior[kind][component],
        0,
      );
    const solution = ridge(
      used,
      measured,
      rest,
      measured.map((kind) => prior[kind][component]),
    );
    measured.forEach((kind, k) => (fitted[kind][component] = Math.max(0, solution[k])));
  }
  const time = (kind: OutcomeKind): HandleTime => ({
    ...fitted[kind],
    seconds: fitted[kind].talkSeconds + fitted[kind].wrapUpSeconds,
    source: measured.includes(kind) ? 'measured' : 'assumed',
    attempts: attempts[kind],
  });
  return {
    reached: time('reached'),
    unreached: time('unreached'),
    intervals: used.length,
    busySeatMinutes: used.reduce((sum, s) => sum + s.talkMinutes + s.wrapUpMinutes, 0),
  };
}

/**
 * Solves (XᵀX + Λ)·h = Xᵀy + Λ·μ for the kinds' columns of X (attempts per interval), one or two
 * unknowns; Λ_k = PRIOR_WEIGHT_ATTEMPTS · Σ x_k² / Σ x_k, so the prior weighs as that many attempts
 * of an interval of the usual size.
 */
function ridge(
  samples: HandleSample[],
  kinds: OutcomeKind[],
  y: (s: HandleSample) => number,
  mean: number[],
): number[] {
  const n = kinds.length;
  if (!n) return [];
  const a = kinds.map(() => new Array<number>(n).fill(0));
  const b = new Array<number>(n).fill(0);
  const sums = new Array<number>(n).fill(0);
  for (const s of samples) {
    const target = y(s);
    kinds.forEach((row, i) => {
      sums[i] += s[row];
      b[i] += s[row] * target;
      kinds.forEach((column, j) => (a[i][j] += s[row] * s[column]));
    });
  }
  kinds.forEach((_, i) => {
    const weight = (PRIOR_WEIGHT_ATTEMPTS * a[i][i]) / sums[i];
    a[i][i] += weight;
    b[i] += weight * mean[i];
  });
  if (n === 1) return [b[0] / a[0][0]];
  const determinant = a[0][0] * a[1][1] - a[0][1] * a[1][0];
  return [(b[0] * a[1][1] - a[0][1] * b[1]) / determinant, (a[0][0] * b[1] - a[1][0] * b[0]) / determinant];
}
