import { DateTime } from 'luxon';

/** Outbound calls to French consumers: Monday to Friday, 10:00-13:00 and 14:00-20:00 Paris time. */
export const CALLING_ZONE = 'Europe/Paris';
/** The French calling windows, in minutes after local midnight. */
export const CALLING_WINDOWS: ReadonlyArray<readonly [number, number]> = [
  [10 * 60, 13 * 60],
  [14 * 60, 20 * 60],
];

/** Whether `at` falls in a calling window (optionally ignoring `marginMinutes` after each opens). */
export function isCallingTime(at: Date | number, marginMinutes = 0): boolean {
  const local = DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone: CALLING_ZONE });
  if (local.weekday > 5) return false;
  const minutes = local.hour * 60 + local.minute;
  return CALLING_WINDOWS.some(([from, to]) => minutes >= from + marginMinutes && minutes < to);
}
