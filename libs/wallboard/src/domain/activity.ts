import type { ActivityFigures, ActivityTrend, AgentsNow, HoursToday, LostToRules } from '#contracts';
import { ceilOnce } from '#planning';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const WEEK_MS = 7 * 24 * HOUR_MS;
/** minutes of trend a tile draws */
export const TREND_MINUTES = 120;

/** Attempts of a scope in one minute. */
export interface AttemptCounts {
  minute: number;
  attempts: number;
  reached: number;
  sales: number;
}

/** Seat-minutes of a scope sampled in one minute. */
export interface SeatMinuteCounts {
  minute: number;
  onCall: number;
  wrapUp: number;
  available: number;
  staffed: number;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const round = (value: number | null, digits = 4) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * A scope's activity over [from, to) (an hour): attempts and their results by call time; handle
 * time as the seat-minutes on call and in wrap-up per attempt; occupancy over the seat-minutes.
 */
export function activityFigures(
  from: number,
  to: number,
  attempts: readonly AttemptCounts[],
  seats: readonly SeatMinuteCounts[],
  lostToRules: LostToRules | null,
): ActivityFigures {
  let calls = 0;
  let reached = 0;
  let sales = 0;
  for (const row of attempts)
    if (row.minute >= from && row.minute < to) {
      calls += row.attempts;
      reached += row.reached;
      sales += row.sales;
    }
  let talk = 0;
  let wrap = 0;
  let available = 0;
  let staffed = 0;
  for (const row of seats)
    if (row.minute >= from && row.minute < to) {
      talk += row.onCall;
      wrap += row.wrapUp;
      available += row.available;
      staffed += row.staffed;
    }
  const minutes = (to - from) / MINUTE_MS;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    attempts: calls,
    attemptsPerHour: round((calls * 60) / minutes, 2)!,
    reached,
    sales,
    reachRate: round(ratio(reached, calls)),
    conversion: round(ratio(sales, reached)),
    talkMinutes: talk,
    wrapMinutes: wrap,
    handleSeconds: round(ratio((talk + wrap) * 60, calls), 1),
    occupancy: round(ratio(talk + wrap, talk + wrap + available)),
    staffedSeats: round(staffed / minutes, 2)!,
    lostToRules,
  };
}

/** One value per minute of [from, to) in each series, oldest first (minutes with nothing are zeros). */
export function trendOf(
  from: number,
  to: number,
  attempts: readonly AttemptCounts[],
  seats: readonly SeatMinuteCounts[],
): ActivityTrend {
  const minutes = Math.max(0, Math.ceil((to - from) / MINUTE_MS));
  const zeros = () => new Array<number>(minutes).fill(0);
  const trend = { attempts: zeros(), reached: zeros(), sales: zeros(), staffed: zeros() };
  const busy = zeros();
  const open = zeros();
  const slot = (minute: number) => {
    const index = (minute - from) / MINUTE_MS;
    return index >= 0 && index < minutes && Number.isInteger(index) ? index : -1;
  };
  for (const row of attempts) {
    const i = slot(row.minute);
    if (i < 0) continue;
    trend.attempts[i] += row.attempts;
    trend.reached[i] += row.reached;
    trend.sales[i] += row.sales;
  }
  for (const row of seats) {
    const i = slot(row.minute);
    if (i < 0) continue;
    trend.staffed[i] += row.staffed;
    busy[i] += row.onCall + row.wrapUp;
    open[i] += row.onCall + row.wrapUp + row.available;
  }
  return {
    from: new Date(from).toISOString(),
    ...trend,
    occupancy: busy.map((value, i) => round(ratio(value, open[i]))),
  };
}

/** One site's capacity now: agents needed (unrounded) and live, hours delivered and requested today so far. */
export interface SiteCapacity {
  required: number;
  live: number;
  deliveredHours: number;
  requestedHours: number;
}

/**
 * Agents needed against agents live and hours delivered against requested over some sites: the
 * need is rounded up once on the total (as the capacity plan rounds a group), hours to 1/10,000.
 */
export function capacityFigures(
  interval: number,
  to: number,
  sites: readonly SiteCapacity[],
): { agents: AgentsNow; hoursToday: HoursToday } {
  let required = 0;
  let live = 0;
  let delivered = 0;
  let requested = 0;
  for (const site of sites) {
    required += site.required;
    live += site.live;
    delivered += site.deliveredHours;
    requested += site.requestedHours;
  }
  const needed = ceilOnce(required);
  return {
    agents: { interval: new Date(interval).toISOString(), required: needed, live, gap: live - needed },
    hoursToday: {
      requested: round(requested)!,
      delivered: round(delivered)!,
      ratio: round(ratio(delivered, requested)),
      to: new Date(to).toISOString(),
    },
  };
}
