import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;

/**
 * An RFC 3339 date-time (`2011-03-14T10:32:05.120Z`, `2011-03-14T11:32+01:00`) naming a moment
 * that exists: a real calendar day of year 1 or later, hours 0–23, minutes and seconds 0–59.
 * ISO 8601 week dates and ordinal dates (`2026-W00`) are not date-times here.
 */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = match
    .slice(1)
    .map((part) => part ?? undefined);
  if (+year < 1 || +month < 1 || +month > 12 || +day < 1 || +day > daysIn(+year, +month)) return false;
  if (+hour > 23 || +minute > 59 || +second > 59 || +offsetHours > 23 || +offsetMinutes > 59) return false;
  return !Number.isNaN(Date.parse(value));
}

function daysIn(year: number, month: number): number {
  const date = new Date(Date.UTC(2000, month, 0));
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** `@IsDateTime()`: see `isDateTime`. */
export function IsDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateTime',
      validator: {
        validate: (value) => isDateTime(value),
        defaultMessage: (args) =>
          `${args?.property} must be a real date-time, e.g. 2011-03-14T10:32:05.120Z or 2011-03-14T11:32:05+01:00`,
      },
    },
    options,
  );
}

/**
 * `@HasDecimalPlaces(2)`: a finite number with at most that many decimal places. class-validator's
 * `maxDecimalPlaces` throws on numbers printed in exponent form (`1e-320`).
 */
export function HasDecimalPlaces(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasDecimalPlaces',
      validator: {
        validate: (value) =>
          typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value,
        defaultMessage: (args) => `${args?.property} must be a number with at most ${places} decimal places`,
      },
    },
    options,
  );
}

/**
 * `@IsOptional()` lets `null` through as if absent, so a PATCH with `{"name": null}` reached the
 * database's NOT NULL. `@Omittable()`: the field may be left out, and when sent it is validated
 * (null included) by the decorators that follow.
 */
export function Omittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
