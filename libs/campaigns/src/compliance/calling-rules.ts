import Holidays from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';
import type { ComplianceRule, LawfulBasis, LawfulBasisRule } from '#contracts';
import {
  CALENDAR_NAMES,
  CONSUMER_CALENDARS,
  type ConsumerCalendar,
  zoneOfCalendar,
} from './consumer-regions.js';

/**
 * French telemarketing rules (Code de la consommation D223-9, décret 2022-1313), evaluated on the
 * CONSUMER's clock and calendar whatever the calling site's: calls Monday–Friday 10:00–13:00 and
 * 14:00–20:00, never on weekends or the public holidays of the consumer's territory; at most 4
 * calls or attempts per consumer in 30 rolling days across every partner; nothing for 60 days
 * after a refusal; do-not-call suppresses everywhere. Pure functions of a given moment: the clock
 * is injected by callers.
 *
 * This file is the one place these rules live: the TypeScript form below, and beside it the SQL
 * form (`consumerRuleSql`) that leases, progress and the empty-lease report run, built from the
 * same constants and the same per-calendar verdicts. Tests run that SQL on PostgreSQL.
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
 * A calendar's public holidays of a year, as local dates. Computed once per calendar and year:
 * date-holidays takes 0.6 ms per question, and every lease asks about each calendar.
 */
const publicHolidays = new Map<string, ReadonlySet<string>>();
function publicHolidaysOf(calendar: ConsumerCalendar, year: number): ReadonlySet<string> {
  const key = `${calendar}:${year}`;
  let days = publicHolidays.get(key);
  if (!days) {
    const [country, state] = CONSUMER_CALENDARS[calendar].holidays as readonly [string, string?];
    const holidays = new Holidays(country, state ?? '', { types: ['public'] }).getHolidays(year);
    // `date` is the holiday's local start, "YYYY-MM-DD hh:mm:ss" in the calendar's own zone
    days = new Set(
      holidays.filter((holiday) => holiday.type === 'public').map((holiday) => holiday.date.slice(0, 10)),
    );
    publicHolidays.set(key, days);
  }
  return days;
}

/** Is this local date a public holiday of the consumer's calendar (metropolitan, Alsace-Moselle or overseas)? */
export function isPublicHoliday(calendar: ConsumerCalendar, localDate: DateTime): boolean {
  return publicHolidaysOf(calendar, localDate.year).has(localDate.toISODate()!);
}

function localTime(calendar: ConsumerCalendar, at: Date): DateTime {
  return DateTime.fromJSDate(at, { zone: zoneOfCalendar(calendar) });
}

function dayRule(calendar: ConsumerCalendar, local: DateTime): ComplianceRule | null {
  if (local.weekday >= 6) return 'weekend';
  if (isPublicHoliday(calendar, local)) return 'public_holiday';
  return null;
}

/** Why the moment is outside calling time for a consumer of that calendar, or null when it is callable. */
export function callingTimeRule(calendar: ConsumerCalendar, at: Date): ComplianceRule | null {
  const local = localTime(calendar, at);
  const day = dayRule(calendar, local);
  if (day) return day;
  const minute = local.hour * 60 + local.minute;
  const inWindow = CALLING_RULES.windows.some(([start, end]) => minute >= start && minute < end);
  return inWindow ? null : 'outside_calling_hours';
}

/**
 * The end of the calling window the moment lies in (13:00 or 20:00 on the consumer's clock), or
 * null when the moment is outside calling time: a call to that consumer must be made before it.
 */
export function windowEnd(calendar: ConsumerCalendar, at: Date): Date | null {
  if (callingTimeRule(calendar, at)) return null;
  const local = localTime(calendar, at);
  const minute = local.hour * 60 + local.minute;
  const [, end] = CALLING_RULES.windows.find(([start, stop]) => minute >= start && minute < stop)!;
  return local.startOf('day').plus({ minutes: end }).toJSDate();
}

/** The first moment at or after `from` when a consumer of that calendar may be called (weekends and holidays skipped). */
export function nextCallingTime(calendar: ConsumerCalendar, from: Date): Date {
  if (!callingTimeRule(calendar, from)) return from;
  let day = localTime(calendar, from).startOf('day');
  // a year always holds a working day: the bound only guards the loop
  for (let i = 0; i < 366; i++, day = day.plus({ days: 1 })) {
    if (dayRule(calendar, day)) continue;
    for (const [start] of CALLING_RULES.windows) {
      const opening = day.plus({ minutes: start }).toJSDate();
      if (opening >= from) return opening;
    }
  }
  throw new Error(`no calling time within a year for ${calendar}`);
}

/**
 * The calling windows of a consumer of that calendar within [from, to), as [start, end) epoch
 * milliseconds cut to the range: 10:00–13:00 and 14:00–20:00 on the consumer's clock, on weekdays
 * that are not public holidays of the consumer's territory. Planning spreads calls over them.
 */
export function callingWindows(calendar: ConsumerCalendar, from: Date, to: Date): Array<[number, number]> {
  // plain arithmetic on local days, one zone offset per working day (its noon's: these zones change
  // clocks on Sundays only); a year of luxon dates in a zone took about 0.4 s per calendar
  const zone = IANAZone.create(zoneOfCalendar(calendar));
  const [first, last] = [from.getTime(), to.getTime()];
  const localDay = (at: number) => Math.floor((at + zone.offset(at) * 60_000) / DAY_MS);
  const windows: Array<[number, number]> = [];
  for (let day = localDay(first), lastDay = localDay(last); day <= lastDay; day++) {
    // 1 January 1970 was a Thursday: 5 and 6 are Saturday and Sunday
    if ((((day + 3) % 7) + 7) % 7 >= 5) continue;
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (publicHolidaysOf(calendar, Number(date.slice(0, 4))).has(date)) continue;
    const midnight = day * DAY_MS - zone.offset(day * DAY_MS + DAY_MS / 2) * 60_000;
    for (const [start, end] of CALLING_RULES.windows) {
      const opens = Math.max(first, midnight + start * 60_000);
      const closes = Math.min(last, midnight + end * 60_000);
      if (opens < closes) windows.push([opens, closes]);
    }
  }
  return windows;
}

/** The calendars whose consumers may be called at this moment. */
export function callableCalendars(at: Date): ConsumerCalendar[] {
  return CALENDAR_NAMES.filter((calendar) => callingTimeRule(calendar, at) === null);
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
  calendar: ConsumerCalendar;
  doNotCallAt?: Date | null;
  refusedAt?: Date | null;
  /** when this consumer was called or attempted, by any partner for any campaign */
  attempts: readonly Date[];
}

/** Every rule that stops a call to this consumer at this moment (empty = lawful), in the order the SQL form checks them. */
export function complianceRefusals(consumer: ConsumerRecord, at: Date): ComplianceRule[] {
  const refusals: ComplianceRule[] = [];
  if (consumer.doNotCallAt) refusals.push('do_not_call');
  const cutoffs = consumerCutoffs(at);
  if (consumer.refusedAt && consumer.refusedAt > cutoffs.refusedBefore) refusals.push('refusal_cooldown');
  const recent = consumer.attempts.filter((when) => when > cutoffs.attemptsSince).length;
  if (recent >= cutoffs.maxAttempts) refusals.push('max_attempts');
  const time = callingTimeRule(consumer.calendar, at);
  if (time) refusals.push(time);
  return refusals;
}

/** Positional parameters of a statement under construction: each value added answers its `$n`. */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The SQL form of `complianceRefusals`' first rule for consumer rows (alias `consumer`, columns
 * do_not_call_at, refused_at, recent_attempts: the newest attempt times, oldest first, calendar):
 * - `join` joins each consumer to its calendar's verdict at that moment (a consumer of an unknown
 *   calendar joins nothing, so it is never leased), as `cal(calendar, time_rule, call_before)`;
 * - `rule` is the first rule that stops a call, NULL when the call is lawful;
 * - `call_before` (on `cal`) is the end of the consumer's current calling window.
 * The time verdicts come from `callingTimeRule` and `windowEnd`: the calendar logic is not written twice.
 */
export function consumerRuleSql(
  at: Date,
  params: SqlParameters,
  consumer = 'p',
): { join: string; rule: string } {
  const cutoffs = consumerCutoffs(at);
  const calendars = CALENDAR_NAMES;
  const join = `JOIN unnest(${params.add(calendars)}::text[], ${params.add(
    calendars.map((calendar) => callingTimeRule(calendar, at)),
  )}::text[], ${params.add(calendars.map((calendar) => windowEnd(calendar, at)))}::timestamptz[])
      AS cal(calendar, time_rule, call_before) ON cal.calendar = ${consumer}.calendar`;
  const rule = `CASE WHEN ${consumer}.do_not_call_at IS NOT NULL THEN 'do_not_call'
      WHEN ${consumer}.refused_at > ${params.add(cutoffs.refusedBefore)} THEN 'refusal_cooldown'
      WHEN cardinality(${consumer}.recent_attempts) >= ${params.add(cutoffs.maxAttempts)}
           AND ${consumer}.recent_attempts[1] > ${params.add(cutoffs.attemptsSince)} THEN 'max_attempts'
      ELSE cal.time_rule END`;
  return { join, rule };
}

/**
 * The lease's form of "no rule stops a call" (`consumerRuleSql`'s rule IS NULL) for consumer rows,
 * as plain predicates on the consumer's columns, with no join: the calendars open at that moment
 * as a list, each consumer's window end picked from an array by its calendar. PostgreSQL then
 * estimates how many consumers pass and walks the queue in order through its index, stopping at
 * the batch size; with the joined CASE form it guessed a handful, read every queued contact and
 * consumer and sorted them for each lease (0.65 s against 0.04 s for 1,000 of 45,000 queued).
 * - `lawful`: a consumer of an unknown calendar is never lawful;
 * - `callBefore`: the end of the consumer's current calling window.
 */
export function consumerMayCallSql(
  at: Date,
  params: SqlParameters,
  consumer = 'p',
): { lawful: string; callBefore: string } {
  const cutoffs = consumerCutoffs(at);
  const lawful = `${consumer}.calendar = ANY(${params.add(callableCalendars(at))}::text[])
      AND ${consumer}.do_not_call_at IS NULL
      AND (${consumer}.refused_at > ${params.add(cutoffs.refusedBefore)}) IS NOT TRUE
      AND (cardinality(${consumer}.recent_attempts) >= ${params.add(cutoffs.maxAttempts)}
           AND ${consumer}.recent_attempts[1] > ${params.add(cutoffs.attemptsSince)}) IS NOT TRUE`;
  const callBefore = `(${params.add(CALENDAR_NAMES.map((calendar) => windowEnd(calendar, at)))}::timestamptz[])[
      array_position(${params.add(CALENDAR_NAMES)}::text[], ${consumer}.calendar)]`;
  return { lawful, callBefore };
}

/**
 * The SQL form of the moment a consumer's own limits lift (refusal cooldown over, oldest counted
 * attempt out of its 30 days), at the earliest `at`; `nextCallingTime` then finds its calendar's
 * next calling time from there. NULL for a consumer on the opposition list.
 */
export function consumerFreeAtSql(at: Date, params: SqlParameters, consumer = 'p'): string {
  return `CASE WHEN ${consumer}.do_not_call_at IS NOT NULL THEN NULL ELSE greatest(
      ${params.add(at)}::timestamptz,
      ${consumer}.refused_at + interval '${CALLING_RULES.refusalCooldownDays} days',
      CASE WHEN cardinality(${consumer}.recent_attempts) >= ${params.add(CALLING_RULES.maxAttempts)}
           THEN ${consumer}.recent_attempts[1] + interval '${CALLING_RULES.attemptWindowDays} days' END) END`;
}

/** The lawful basis of one contact, as imported (contacts CSV). */
export interface ContactBasis {
  lawfulBasis: LawfulBasis;
  contractOffer: string | null;
  /** the contract's last day in force (YYYY-MM-DD on the consumer's clock), null when open-ended */
  contractEndsOn: string | null;
}

/** The local date (YYYY-MM-DD) of the moment on each calendar's clock, in `CALENDAR_NAMES` order. */
function localDates(at: Date): string[] {
  return CALENDAR_NAMES.map((calendar) => localTime(calendar, at).toISODate()!);
}

/** A contract ending on `endsOn` (its last day, null: open-ended) is in force at this moment on the consumer's clock. */
export function contractInForce(endsOn: string | null, calendar: ConsumerCalendar, at: Date): boolean {
  return !endsOn || endsOn >= localTime(calendar, at).toISODate()!;
}

/**
 * Why the contact's lawful basis does not cover a call for this campaign at this moment, or null
 * when it does. Consent (its date never in the future: refused at import) covers any campaign; a
 * current contract covers only a campaign whose product relates to its offer (`contractOffers`,
 * as written in the CSV's contract_offer), and only while it is in force: up to and including its
 * end date on the consumer's clock.
 */
export function lawfulBasisRule(
  contact: ContactBasis,
  contractOffers: readonly string[],
  calendar: ConsumerCalendar,
  at: Date,
): LawfulBasisRule | null {
  if (contact.lawfulBasis !== 'current_contract') return null;
  if (!contact.contractOffer || !contractOffers.includes(contact.contractOffer)) return 'contract_unrelated';
  if (!contractInForce(contact.contractEndsOn, calendar, at)) return 'contract_ended';
  return null;
}

/**
 * The SQL form of `lawfulBasisRule` for contact rows (alias `contact`: lawful_basis,
 * contract_offer, contract_ends_on) of consumers (alias `consumer`: calendar), for a campaign
 * relating to `contractOffers`:
 * - `rule`: the rule that stops the call, NULL when the basis covers it;
 * - `lawful`: the same as plain predicates (no CASE), for the lease to filter on.
 * Each calendar's local date comes from the TypeScript clock, as the call windows do.
 */
export function lawfulBasisSql(
  at: Date,
  params: SqlParameters,
  contractOffers: readonly string[],
  contact = 'c',
  consumer = 'p',
): { rule: string; lawful: string } {
  const offers = `${params.add(contractOffers)}::text[]`;
  const today = `(${params.add(localDates(at))}::date[])[array_position(${params.add(CALENDAR_NAMES)}::text[], ${consumer}.calendar)]`;
  const rule = `CASE WHEN ${contact}.lawful_basis <> 'current_contract' THEN NULL
      WHEN (${contact}.contract_offer = ANY(${offers})) IS NOT TRUE THEN 'contract_unrelated'
      WHEN ${contact}.contract_ends_on < ${today} THEN 'contract_ended' END`;
  const lawful = `(${contact}.lawful_basis <> 'current_contract'
      OR (${contact}.contract_offer = ANY(${offers})
          AND (${contact}.contract_ends_on >= ${today} OR ${contact}.contract_ends_on IS NULL)))`;
  return { rule, lawful };
}
