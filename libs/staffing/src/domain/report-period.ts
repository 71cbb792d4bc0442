/**
 * A staffing report covers one day (`2026-11-20`) or one ISO week (`2026-W47`, Monday to Sunday).
 * Parsing is hand-written (no luxon) because a CSV upload parses it 100,000 times.
 */
export type PeriodKind = 'day' | 'week';

export interface ReportPeriod {
  /** as written by the partner, normalised: `YYYY-MM-DD` or `YYYY-Www` */
  period: string;
  kind: PeriodKind;
  /** first day covered, `YYYY-MM-DD` */
  start: string;
  /** last day covered, `YYYY-MM-DD` */
  end: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export const PERIOD_FORMAT = 'a day YYYY-MM-DD or an ISO week YYYY-Www';

/** The period, or null when `text` is neither a real calendar day nor an existing ISO week. */
export function parsePeriod(text: string): ReportPeriod | null {
  const day = DAY.exec(text);
  if (day) {
    const date = new Date(Date.UTC(+day[1], +day[2] - 1, +day[3]));
    if (date.getUTCMonth() !== +day[2] - 1 || date.getUTCDate() !== +day[3] || +day[1] < 1900) return null;
    return { period: text, kind: 'day', start: text, end: text };
  }
  const week = WEEK.exec(text);
  if (week) {
    const year = +week[1];
    const number = +week[2];
    if (year < 1900 || number < 1 || number > isoWeeksIn(year)) return null;
    const monday = mondayOfIsoWeek1(year) + (number - 1) * 7 * MS_PER_DAY;
    return { period: text, kind: 'week', start: isoDay(monday), end: isoDay(monday + 6 * MS_PER_DAY) };
  }
  return null;
}

const parsed = new Map<string, ReportPeriod | null>();

/** parsePeriod, remembered: an upload repeats the same few periods over many rows. */
export function parsePeriodCached(text: string): ReportPeriod | null {
  let period = parsed.get(text);
  if (period === undefined) {
    if (parsed.size > 10_000) parsed.clear();
    period = parsePeriod(text);
    parsed.set(text, period);
  }
  return period;
}

/** Monday of ISO week 1 (the week holding 4 January), as UTC milliseconds. */
function mondayOfIsoWeek1(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday * MS_PER_DAY;
}

function isoWeeksIn(year: number): number {
  return Math.round((mondayOfIsoWeek1(year + 1) - mondayOfIsoWeek1(year)) / (7 * MS_PER_DAY));
}

export function isoDay(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/** The ISO week `YYYY-Www` holding a day `YYYY-MM-DD`. */
export function isoWeekOf(day: string): string {
  const date = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(date).getUTCDay() + 6) % 7;
  const thursday = date + (3 - weekday) * MS_PER_DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.round((thursday - mondayOfIsoWeek1(year) - 3 * MS_PER_DAY) / (7 * MS_PER_DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Today's date `YYYY-MM-DD` in a time zone (cached formatters: called once per site and upload). */
export function localDay(at: Date, timeZone: string): string {
  return formatter(timeZone).format(at);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}
