import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CALLING_ZONE, isCallingTime } from '#live';

const paris = (iso: string) => DateTime.fromISO(iso, { zone: CALLING_ZONE }).toJSDate();

describe("live's calling day is the campaigns' rules for metropolitan France", () => {
  it('follows the windows and weekends, and skips public holidays', () => {
    expect(isCallingTime(paris('2026-12-24T11:00'))).toBe(true); // Thursday
    expect(isCallingTime(paris('2026-12-25T11:00'))).toBe(false); // Christmas, a Friday
    expect(isCallingTime(paris('2026-11-11T11:00'))).toBe(false); // Armistice, a Wednesday
    expect(isCallingTime(paris('2026-11-21T11:00'))).toBe(false); // Saturday
    expect(isCallingTime(paris('2026-11-23T13:30'))).toBe(false); // lunch
    expect(isCallingTime(paris('2026-11-23T19:59'))).toBe(true);
    expect(isCallingTime(paris('2026-11-23T20:00'))).toBe(false);
  });

  it('a margin skips the first minutes after each window opens', () => {
    expect(isCallingTime(paris('2026-11-23T10:10'), 15)).toBe(false);
    expect(isCallingTime(paris('2026-11-23T10:15'), 15)).toBe(true);
    expect(isCallingTime(paris('2026-11-23T14:05'), 15)).toBe(false);
    expect(isCallingTime(paris('2026-11-23T14:05'))).toBe(true);
  });
});
