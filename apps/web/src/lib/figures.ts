import { SEAT_STATES, type OccupancyFigures, type SeatStateCounts, type SiteLive } from '@contracts';

export const STATE_LABELS: Record<keyof SeatStateCounts, string> = {
  on_call: 'On call',
  wrap_up: 'Wrap-up',
  available: 'Available',
  paused: 'Paused',
  offline: 'Offline',
};

/** Display order: busy first, offline last. */
export const STATE_ORDER = ['on_call', 'wrap_up', 'available', 'paused', 'offline'] as const;

export function emptyCounts(): SeatStateCounts {
  return Object.fromEntries(SEAT_STATES.map((state) => [state, 0])) as SeatStateCounts;
}

/** Adds up the figures of some sites, as the server does for a scope's totals. */
export function sumFigures(sites: Array<OccupancyFigures>): OccupancyFigures {
  const counts = emptyCounts();
  let seats = 0;
  let installedSeats = 0;
  let headcount: number | null = null;
  for (const site of sites) {
    seats += site.seats;
    installedSeats += site.installedSeats;
    for (const state of SEAT_STATES) counts[state] += site.counts[state];
    if (site.headcount !== null) headcount = (headcount ?? 0) + site.headcount;
  }
  const busy = counts.on_call + counts.wrap_up;
  const ready = busy + counts.available;
  return {
    seats,
    installedSeats,
    counts,
    staffed: seats - counts.offline,
    occupancy: ready ? busy / ready : null,
    headcount,
  };
}

/** The app's locale: French formatting (12 345,6 ; 23/11/2026 11:00) in a French browser, British English otherwise. */
export const LOCALE =
  typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('fr') ? 'fr-FR' : 'en-GB';

export function percent(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || Number.isNaN(value)
    ? '—'
    : `${(value * 100).toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`;
}

export function number(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined
    ? '—'
    : value.toLocaleString(LOCALE, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A moment as day, month, year, hours and minutes in the viewer's zone, the zone named: 23/11/2026, 11:00 CET */
export function dateTime(value: string | Date): string {
  return new Date(value).toLocaleString(LOCALE, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** `2026-12` as the reader says it: "December 2026", "décembre 2026" */
export function monthLabel(month: string): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
  return date.toLocaleDateString(LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** For the month in progress (on the reader's calendar), how much of it has passed: "day 5 of 31"; else null. */
export function monthToDate(month: string, now = new Date()): string | null {
  const current = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  if (month !== current) return null;
  const days = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
  return `month to date, day ${now.getDate()} of ${days}`;
}

/** A time of day in the viewer's zone: 11:00:05 */
export function clockTime(value: Date): string {
  return value.toLocaleTimeString(LOCALE);
}

export type { SiteLive };
