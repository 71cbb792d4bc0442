import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { ComplianceRule } from '#contracts';
import { CONSUMER_REGIONS, type ConsumerRegion } from './consumer-regions.js';

/**
 * French telemarketing rules (Code de la consommation, décret 2022-1313), evaluated in the
 * CONSUMER's time zone whatever the calling site's: calls Monday–Friday 10:00–13:00 and
 * 14:00–20:00, never on weekends or public holidays; at most 4 calls or attempts per consumer
 * in 30 rolling days across every partner; nothing for 60 days after a refusal; do-not-call
 * suppresses everywhere. Pure functions of a given moment: the clock is injected by callers.
 */
export const CALLING_RULES = {
  /** [start, end) in minutes after local midnight */
  windows: [
    [10 * 60, 13 * 60],
    [14 * 60, 20 * 60],
  ] as ReadonlyArray<readonly [number, number]>,
  maxAttempts: 4,
  attemptWindowDays: 30,
  refusalCooldownDays: 60,
} as const;

const DAY_MS = 86_400_000;

/**
 * A region's public holidays of a year, as local dates. Computed once per region and year:
 * date-holidays takes 0.6 ms per question, and every lease asks about each region.
 */
const publicHolidays = new Map<string, ReadonlySet<string>>();
function publicHolidaysOf(region: ConsumerRegion, year: number): ReadonlySet<string> {
  const key = `${region}:${year}`;
  let days = publicHolidays.get(key);
  if (!days) {
    const holidays = new Holidays(region, { types: ['public'] }).getHolidays(year);
    // `date` is the holiday's local start, "YYYY-MM-DD hh:mm:ss" in the region's own zone
    days = new Set(
      holidays.filter((holiday) => holiday.type === 'public').map((holiday) => holiday.date.slice(0, 10)),
    );
    publicHolidays.set(key, days);
  }
  return days;
}

/** Is this local date a public holiday in the consumer's region (metropolitan or overseas calendar)? */
export function isPublicHoliday(region: ConsumerRegion, localDate: DateTime): boolean {
  return publicHolidaysOf(region, localDate.year).has(localDate.toISODate()!);
}

/** Why the moment is outside calling time for a consumer of that region, or null when it is callable. */
export function callingTimeRule(region: ConsumerRegion, at: Date): ComplianceRule | null {
  const local = DateTime.fromJSDate(at, { zone: CONSUMER_REGIONS[region] });
  if (local.weekday >= 6) return 'weekend';
  if (isPublicHoliday(region, local)) return 'public_holiday';
  const minute = local.hour * 60 + local.minute;
  const inWindow = CALLING_RULES.windows.some(([start, end]) => minute >= start && minute < end);
  return inWindow ? null : 'outside_calling_hours';
}

/** The regions whose consumers may be called at this moment. */
export function callableRegions(at: Date): ConsumerRegion[] {
  return (Object.keys(CONSUMER_REGIONS) as ConsumerRegion[]).filter(
    (region) => callingTimeRule(region, at) === null,
  );
}

/** What the database needs to apply the per-consumer rules at a moment, in one set-based query. */
export interface ConsumerCutoffs {
  /** attempts after this moment count towards the limit */
  attemptsSince: Date;
  maxAttempts: number;
  /** a refusal at or before this moment no longer blocks */
  refusedBefore: Date;
}

export function consumerCutoffs(at: Date): ConsumerCutoffs {
  return {
    attemptsSince: new Date(at.getTime() - CALLING_RULES.attemptWindowDays * DAY_MS),
    maxAttempts: CALLING_RULES.maxAttempts,
    refusedBefore: new Date(at.getTime() - CALLING_RULES.refusalCooldownDays * DAY_MS),
  };
}

export interface ConsumerRecord {
  region: ConsumerRegion;
  doNotCallAt?: Date | null;
  refusedAt?: Date | null;
  /** when this consumer was called or attempted, by any partner for any campaign */
  attempts: readonly Date[];
}

/** Every rule that stops a call to this consumer at this moment (empty = lawful). */
export function complianceRefusals(consumer: ConsumerRecord, at: Date): ComplianceRule[] {
  const refusals: ComplianceRule[] = [];
  if (consumer.doNotCallAt) refusals.push('do_not_call');
  const cutoffs = consumerCutoffs(at);
  if (consumer.refusedAt && consumer.refusedAt > cutoffs.refusedBefore) refusals.push('refusal_cooldown');
  const recent = consumer.attempts.filter((when) => when > cutoffs.attemptsSince && when <= at).length;
  if (recent >= cutoffs.maxAttempts) refusals.push('max_attempts');
  const time = callingTimeRule(consumer.region, at);
  if (time) refusals.push(time);
  return refusals;
}
