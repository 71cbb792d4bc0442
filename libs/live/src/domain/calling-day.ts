import { CALLING_RULES, callingTimeRule, zoneOfCalendar } from '#campaigns';

/**
 * The floor's calling day is the metropolitan French consumer's, as the campaigns context rules it
 * (Monday to Friday, 10:00-13:00 and 14:00-20:00 Paris time, public holidays excluded): live
 * alerts and the seat-feed simulator follow the same rules the leases do.
 */
export const CALLING_ZONE = zoneOfCalendar('FR');
/** The French calling windows, in minutes after local midnight. */
export const CALLING_WINDOWS = CALLING_RULES.windows;

/** Whether `at` is French calling time, and has been for at least `marginMinutes` (agents logging in). */
export function isCallingTime(at: Date | number, marginMinutes = 0): boolean {
  const moment = typeof at === 'number' ? at : at.getTime();
  return (
    callingTimeRule('FR', new Date(moment)) === null &&
    callingTimeRule('FR', new Date(moment - marginMinutes * 60_000)) === null
  );
}
