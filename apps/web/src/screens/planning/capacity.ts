import type { CapacityGroupView } from '@contracts';

export const parisToday = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
export const parisTime = (iso: string) =>
  new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
export const parisDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;

/** The colour of a gap in seats: short red, tight amber (under 10% spare), enough green, unknown grey. */
export function gapColour(gap: number | null, required: number): string {
  if (gap === null) return 'var(--panel, #222)';
  if (required === 0) return '#2c3b49';
  if (gap < 0) return 'var(--bad)';
  return gap < required * 0.1 ? 'var(--warn)' : 'var(--ok)';
}

export interface DayGap {
  gap: number | null;
  required: number;
}

/** The worst (lowest) gap of each local day of a group, for the days × sites overview. */
export function worstGapByDay(group: CapacityGroupView): Map<string, DayGap> {
  const days = new Map<string, DayGap>();
  for (const interval of group.intervals) {
    const date = parisDate(interval.start);
    const day = days.get(date) ?? { gap: null, required: 0 };
    if (interval.requiredSeats > day.required) day.required = interval.requiredSeats;
    if (interval.gap !== null && interval.requiredSeats > 0 && (day.gap === null || interval.gap < day.gap))
      day.gap = interval.gap;
    days.set(date, day);
  }
  return days;
}

/** Every group's intervals as CSV rows. */
export function heatMapCsv(groups: CapacityGroupView[]): { header: string[]; rows: unknown[][] } {
  return {
    header: [
      'site',
      'start',
      'localDate',
      'localTime',
      'requiredAgents',
      'requiredSeats',
      'staffedSeats',
      'gap',
    ],
    rows: groups.flatMap((group) =>
      group.intervals.map((interval) => [
        group.label,
        interval.start,
        parisDate(interval.start),
        parisTime(interval.start),
        interval.requiredAgents,
        interval.requiredSeats,
        group.staffedSeats,
        interval.gap,
      ]),
    ),
  };
}
