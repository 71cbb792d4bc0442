import { DateTime } from 'luxon';
import { BillingError } from './billing.error.js';

export const INTERVAL_MINUTES = 30;
export const INTERVAL_MS = INTERVAL_MINUTES * 60_000;

/** A span of local days in a site's zone, as UTC instants [from, to). */
export interface LocalSpan {
  from: number;
  to: number;
  /** the local days it covers, YYYY-MM-DD */
  days: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** One local day: from its local midnight to the next (23 or 25 hours on a change of offset). */
export function daySpan(date: string, zone: string, field = 'date'): LocalSpan {
  const start = DAY.test(date) ? DateTime.fromISO(date, { zone }) : null;
  if (!start?.isValid) throw BillingError.invalidPeriod(field, date, 'YYYY-MM-DD (a real calendar day)');
  return { from: start.toMillis(), to: start.plus({ days: 1 }).toMillis(), days: [date] };
}

/** One local month: from the 1st's local midnight to the next month's. */
export function monthSpan(month: string, zone: string, field = 'month'): LocalSpan {
  const start = MONTH.test(month) ? DateTime.fromISO(`${month}-01`, { zone }) : null;
  if (!start?.isValid) throw BillingError.invalidPeriod(field, month, 'YYYY-MM');
  const end = start.plus({ months: 1 });
  const days: string[] = [];
  for (let day = start; day < end; day = day.plus({ days: 1 })) days.push(day.toISODate()!);
  return { from: start.toMillis(), to: end.toMillis(), days };
}

/** A month YYYY-MM or a day YYYY-MM-DD. */
export function periodSpan(period: string, zone: string, field = 'period'): LocalSpan {
  if (MONTH.test(period)) return monthSpan(period, zone, field);
  if (DAY.test(period)) return daySpan(period, zone, field);
  throw BillingError.invalidPeriod(field, period, 'YYYY-MM (a month) or YYYY-MM-DD (a day)');
}

/**
 * The intervals of each local day of a span, with their local times. The zone's offset is read
 * at the day's start and end; when they agree (every day but a change of offset) local times are
 * plain arithmetic, otherwise each interval asks the time-zone database.
 */
export function dayIntervals(
  span: LocalSpan,
  zone: string,
): Array<{ date: string; starts: number[]; times: string[] }> {
  const result: Array<{ date: string; starts: number[]; times: string[] }> = [];
  let dayStart = span.from;
  for (const date of span.days) {
    const next = Math.min(DateTime.fromISO(date, { zone }).plus({ days: 1 }).toMillis(), span.to);
    const first = DateTime.fromMillis(dayStart, { zone });
    const steady = DateTime.fromMillis(next - 1, { zone }).offset === first.offset;
    const base = first.hour * 60 + first.minute;
    const starts: number[] = [];
    const times: string[] = [];
    for (let start = dayStart; start < next; start += INTERVAL_MS) {
      starts.push(start);
      if (steady) {
        const minutes = base + Math.round((start - dayStart) / 60_000);
        times.push(
          `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
        );
      } else times.push(localOf(start, zone).time);
    }
    result.push({ date, starts, times });
    dayStart = next;
  }
  return result;
}

/** Every interval start in [from, to), in epoch ms (spans start on local midnights, so on half-hours). */
export function intervalStarts(span: { from: number; to: number }): number[] {
  const starts: number[] = [];
  for (let start = span.from; start < span.to; start += INTERVAL_MS) starts.push(start);
  return starts;
}

/** The local day and time of an instant in a zone. */
export function localOf(at: number, zone: string): { date: string; time: string } {
  const local = DateTime.fromMillis(at, { zone });
  return { date: local.toISODate()!, time: local.toFormat('HH:mm') };
}

/** Whether an instant starts a 30-minute interval in the site's zone. */
export function isIntervalStart(at: number, zone: string): boolean {
  const local = DateTime.fromMillis(at, { zone });
  return local.second === 0 && local.millisecond === 0 && local.minute % INTERVAL_MINUTES === 0;
}
