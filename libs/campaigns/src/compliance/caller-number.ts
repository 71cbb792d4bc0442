import {
  CALENDAR_NAMES,
  CONSUMER_CALENDARS,
  type ConsumerCalendar,
  type ConsumerRegion,
} from './consumer-regions.js';

/**
 * ARCEP numbering plan (décision n° 2022-1583 of 1 September 2022, in force since 1 January 2023,
 * upheld by the Conseil d'État on 6 June 2024, n° 489787): automated calling systems (a
 * telemarketing dialer is one) may present only numbers from the ranges reserved to them, so
 * consumers can recognise and filter them. Geographic numbers (01–05 outside these ranges), mobile
 * numbers (06, 07) and the other polyvalent "VoIP" numbers (09) are refused on purpose: since 2023
 * no automated system may present them.
 *
 * Metropolitan France has twelve ranges; each overseas zone has its own (09 475 Guadeloupe,
 * Saint-Martin, Saint-Barthélemy; 09 476 Guyane; 09 477 Martinique; 09 478 and 09 479 La Réunion
 * and Mayotte). A metropolitan range may call any consumer; an overseas range only the consumers
 * of its own zone.
 */
export const ARCEP_CALLER_PREFIXES = [
  '0162',
  '0163',
  '0270',
  '0271',
  '0377',
  '0378',
  '0424',
  '0425',
  '0568',
  '0569',
  '0948',
  '0949',
] as const;

/** Overseas ranges (national form) and the territories whose consumers they may call. */
export const ARCEP_OVERSEAS_CALLER_PREFIXES: Readonly<Record<string, readonly ConsumerRegion[]>> = {
  '09475': ['GP', 'MF', 'BL'],
  '09476': ['GF'],
  '09477': ['MQ'],
  '09478': ['RE', 'YT'],
  '09479': ['RE', 'YT'],
};

/** Every range, metropolitan then overseas. */
export const ARCEP_ALL_CALLER_PREFIXES = [
  ...ARCEP_CALLER_PREFIXES,
  ...Object.keys(ARCEP_OVERSEAS_CALLER_PREFIXES),
];

/**
 * The caller number in French national form (0XXXXXXXXX), or null when it is not a French number:
 * national form, +33/0033, or an overseas zone's calling code (+262, +590, +594, +596) for the
 * numbers it carries internationally.
 */
export function nationalCallerNumber(raw: string): string | null {
  const digits = raw.replace(/[\s.\-()]/g, '');
  const match = /^(?:\+33|0033|0|(?:\+|00)(?:262|590|594|596))([1-9]\d{8})$/.exec(digits);
  return match ? `0${match[1]}` : null;
}

/** The consumers' calendars a caller number may call: every one for a metropolitan range, its zone's for an overseas range, none outside the ranges. */
export function callerNumberCalendars(raw: string): ConsumerCalendar[] {
  const national = nationalCallerNumber(raw);
  if (!national) return [];
  const overseas = Object.entries(ARCEP_OVERSEAS_CALLER_PREFIXES).find(([prefix]) =>
    national.startsWith(prefix),
  );
  if (overseas)
    return CALENDAR_NAMES.filter((calendar) => overseas[1].includes(CONSUMER_CALENDARS[calendar].region));
  return ARCEP_CALLER_PREFIXES.some((prefix) => national.startsWith(prefix)) ? [...CALENDAR_NAMES] : [];
}

/** True when the number belongs to one of the ARCEP ranges for automated callers (metropolitan or overseas). */
export function isArcepCallerNumber(raw: string): boolean {
  const national = nationalCallerNumber(raw);
  return !!national && ARCEP_ALL_CALLER_PREFIXES.some((prefix) => national.startsWith(prefix));
}

/** True when the number may be presented to a consumer of that calendar. */
export function isLawfulCallerNumberFor(raw: string, calendar: string): boolean {
  return callerNumberCalendars(raw).includes(calendar as ConsumerCalendar);
}

/** E.164 form of a valid French caller number (+33 for the national plan, overseas ranges included). */
export function callerNumberE164(raw: string): string {
  const national = nationalCallerNumber(raw);
  if (!national) throw new Error('not a French number');
  return `+33${national.slice(1)}`;
}
