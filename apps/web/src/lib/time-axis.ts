import { LOCALE } from './figures';

/** time steps a tick may fall on, in seconds: never finer than a second, whole minutes, hours and days */
export const TIME_STEPS = [
  1,
  5,
  10,
  15,
  30,
  60,
  300,
  600,
  900,
  1800,
  3600,
  7200,
  10_800,
  21_600,
  43_200,
  86_400,
  2 * 86_400,
  7 * 86_400,
  14 * 86_400,
];

/** Monthly points (each on the 1st at 00:00 UTC) are labelled as months. */
export const isMonthly = (x: number[]) =>
  x.length > 1 && x.every((t) => new Date(t * 1000).getUTCDate() === 1 && t % 86_400 === 0);

const format = (options: Intl.DateTimeFormatOptions) => {
  const formatter = new Intl.DateTimeFormat(LOCALE, options);
  return (seconds: number) => formatter.format(new Date(seconds * 1000));
};

/**
 * A tick's label, as precise as the chart's span needs and no more, in the reader's locale:
 * months ("Dec 26", "déc. 26"), days ("5 Dec", "5 déc."), hours ("14:00") with the day at
 * midnight, seconds only on spans of a few minutes; never milliseconds.
 */
export function tickFormatter(spanSeconds: number, monthly: boolean): (seconds: number) => string {
  if (monthly) return format({ month: 'short', year: '2-digit', timeZone: 'UTC' });
  const day = format({ day: 'numeric', month: 'short' });
  if (spanSeconds > 2 * 86_400) return day;
  if (spanSeconds <= 600) return format({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const time = format({ hour: '2-digit', minute: '2-digit' });
  return (seconds) => {
    const date = new Date(seconds * 1000);
    const midnight = date.getHours() === 0 && date.getMinutes() === 0;
    return midnight && spanSeconds > 6 * 3600 ? day(seconds) : time(seconds);
  };
}

/** The time under the cursor: the month, or the day and the time of day. */
export function cursorFormatter(spanSeconds: number, monthly: boolean): (seconds: number) => string {
  if (monthly) return format({ month: 'long', year: 'numeric', timeZone: 'UTC' });
  return format({
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...(spanSeconds <= 600 ? { second: '2-digit' } : {}),
  });
}
