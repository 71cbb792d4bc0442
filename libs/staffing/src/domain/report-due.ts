import { DateTime } from 'luxon';

/**
 * When a daily report is due: the report of a working day (Monday to Saturday, the French
 * telemarketing week) is due by 10:00 site-local time the next day. A weekly report covering
 * the day counts too. Sunday is not a reporting day.
 */
export const REPORT_DUE_HOUR = 10;

export interface DueReport {
  /** the latest working day whose report is due at `at`, `YYYY-MM-DD` */
  day: string;
  /** when it fell due */
  dueAt: Date;
}

export function latestDueReport(at: Date, timeZone: string): DueReport {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  let day = local.startOf('day').minus({ days: local.hour >= REPORT_DUE_HOUR ? 1 : 2 });
  while (day.weekday === 7) day = day.minus({ days: 1 });
  return { day: day.toISODate()!, dueAt: day.plus({ days: 1, hours: REPORT_DUE_HOUR }).toJSDate() };
}
