import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_NAMES,
  calendarOfAddress,
  callingTimeRule,
  ContactRowValidator,
  type ConsumerCalendar,
  nextCallingTime,
  PhoneNormaliser,
  windowEnd,
  zoneOfCalendar,
} from '#campaigns';

const local = (calendar: ConsumerCalendar, iso: string) =>
  DateTime.fromISO(iso, { zone: zoneOfCalendar(calendar) }).toJSDate();
const iso = (calendar: ConsumerCalendar, at: Date | null) =>
  at && DateTime.fromJSDate(at, { zone: zoneOfCalendar(calendar) }).toISO({ suppressMilliseconds: true });

describe('overseas numbers in the national format belong to their territory', () => {
  const phones = new PhoneNormaliser();
  it.each([
    ['0262 20 12 34', '+262262201234', 'RE', 'Indian/Reunion'],
    ['0692 12 34 56', '+262692123456', 'RE', 'Indian/Reunion'],
    ['0269 61 12 34', '+262269611234', 'YT', 'Indian/Mayotte'],
    ['0590 12 34 56', '+590590123456', 'GP', 'America/Guadeloupe'],
    ['0690 12 34 56', '+590690123456', 'GP', 'America/Guadeloupe'],
    ['0590 27 12 34', '+590590271234', 'BL', 'America/St_Barthelemy'],
    ['0594 30 12 34', '+594594301234', 'GF', 'America/Cayenne'],
    ['0694 20 12 34', '+594694201234', 'GF', 'America/Cayenne'],
    ['0596 30 12 34', '+596596301234', 'MQ', 'America/Martinique'],
    ['0696 12 34 56', '+596696123456', 'MQ', 'America/Martinique'],
    ['+596 596 30 12 34', '+596596301234', 'MQ', 'America/Martinique'],
    ['+33 596 30 12 34', '+596596301234', 'MQ', 'America/Martinique'],
    ['+508 41 12 34', '+508411234', 'PM', 'America/Miquelon'],
  ])('%s is %s in %s', (raw, e164, region, timeZone) => {
    expect(phones.normalise(raw)).toEqual({ e164, region, timeZone, located: true });
  });

  it('a mainland mobile says nothing of where its owner lives; a geographic number does', () => {
    expect(phones.normalise('06 12 34 56 78')).toMatchObject({ region: 'FR', located: false });
    expect(phones.normalise('03 88 12 34 56')).toMatchObject({ region: 'FR', located: true });
  });

  it('only mobile and geographic lines: premium-rate, toll-free, shared-cost and VoIP numbers are refused', () => {
    for (const raw of [
      '08 99 12 34 56',
      '0800 12 34 56',
      '0810 12 34 56',
      '09 12 34 56 78',
      '+33 8 99 12 34 56',
    ])
      expect(phones.normalise(raw), raw).toBe('not_a_consumer_line');
    expect(phones.normalise('0639 12 34 56')).toBe('invalid_phone'); // Mayotte's 0639 ranges start 0639 0x-ish
  });
});

describe('the address beats the number', () => {
  it.each([
    ['67000', null, 'FR-AM'],
    ['57000', 'FR', 'FR-AM'],
    ['68100', 'France', 'FR-AM'],
    ['75011', null, 'FR'],
    ['20000', null, 'FR'],
    ['97400', null, 'RE'],
    ['97600', null, 'YT'],
    ['97110', null, 'GP'],
    ['97133', null, 'BL'],
    ['97150', null, 'MF'],
    ['97200', null, 'MQ'],
    ['97300', 'GF', 'GF'],
    ['97500', null, 'PM'],
    [null, 'RE', 'RE'],
    [null, 'FR', null],
    [null, null, null],
  ])('postcode %s, country %s: %s', (postcode, country, calendar) => {
    expect(calendarOfAddress(postcode, country)).toEqual({ calendar });
  });

  it('refuses addresses outside the protected territories or contradicting themselves', () => {
    expect(calendarOfAddress('7501', null)).toEqual({ problem: 'postcode_invalid' });
    expect(calendarOfAddress('98000', null)).toEqual({ problem: 'country_not_supported' });
    expect(calendarOfAddress(null, 'BE')).toEqual({ problem: 'country_not_supported' });
    expect(calendarOfAddress('97400', 'MQ')).toEqual({ problem: 'postcode_country_mismatch' });
  });

  it('the import row takes its clock from the address, else the number, else Paris', () => {
    const validator = new ContactRowValidator('2026-11-23');
    const row = { lawful_basis: 'current_contract', contract_ref: 'C-1', contract_offer: 'prevoyance' };
    expect(validator.check(2, { ...row, phone: '06 12 34 56 78', postcode: '97490' })).toMatchObject({
      phone: '+33612345678',
      calendar: 'RE',
      region: 'RE',
      timeZone: 'Indian/Reunion',
      clockSource: 'address',
    });
    expect(validator.check(3, { ...row, phone: '06 12 34 56 78', postcode: '67000' })).toMatchObject({
      calendar: 'FR-AM',
      timeZone: 'Europe/Paris',
      clockSource: 'address',
    });
    expect(validator.check(4, { ...row, phone: '0596 30 12 34' })).toMatchObject({
      phone: '+596596301234',
      calendar: 'MQ',
      clockSource: 'number',
    });
    expect(validator.check(5, { ...row, phone: '06 12 34 56 78' })).toMatchObject({
      calendar: 'FR',
      clockSource: 'fallback',
    });
    expect(validator.check(6, { ...row, phone: '06 12 34 56 78', postcode: 'abc' })).toEqual({
      line: 6,
      reason: 'postcode_invalid',
    });
    expect(validator.check(7, { ...row, phone: '08 99 12 34 56' })).toEqual({
      line: 7,
      reason: 'not_a_consumer_line',
    });
  });
});

describe('each calendar’s holidays and clock', () => {
  it('Alsace-Moselle adds Good Friday and 26 December; the rest of France works', () => {
    expect(callingTimeRule('FR-AM', local('FR-AM', '2026-04-03T11:00'))).toBe('public_holiday');
    expect(callingTimeRule('FR', local('FR', '2026-04-03T11:00'))).toBeNull();
    // 26 December 2025 is a Friday
    expect(callingTimeRule('FR-AM', local('FR-AM', '2025-12-26T11:00'))).toBe('public_holiday');
    expect(callingTimeRule('FR', local('FR', '2025-12-26T11:00'))).toBeNull();
    expect(callingTimeRule('FR-AM', local('FR-AM', '2026-11-11T11:00'))).toBe('public_holiday');
  });

  it.each([
    // abolition of slavery, each territory its own day (2026, weekdays); Good Friday in the Antilles
    ['MQ', '2026-05-22'],
    ['MQ', '2026-04-03'],
    ['GP', '2026-05-27'],
    ['GP', '2026-04-03'],
    ['GF', '2026-06-10'],
    ['YT', '2026-04-27'],
    ['BL', '2026-10-09'],
    ['MF', '2026-05-27'],
  ] as Array<[ConsumerCalendar, string]>)(
    '%s keeps its own holiday on %s, a working day in Paris',
    (calendar, day) => {
      expect(callingTimeRule(calendar, local(calendar, `${day}T11:00`))).toBe('public_holiday');
      expect(callingTimeRule('FR', local('FR', `${day}T11:00`))).toBeNull();
    },
  );

  it('Martinique on 22 May and Réunion on 20 December (a weekday in 2027) are holidays there only', () => {
    expect(callingTimeRule('MQ', local('MQ', '2026-05-22T11:00'))).toBe('public_holiday');
    expect(callingTimeRule('RE', local('RE', '2027-12-20T11:00'))).toBe('public_holiday');
    expect(callingTimeRule('FR', local('FR', '2027-12-20T11:00'))).toBeNull();
  });

  it.each(['FR', 'FR-AM', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF'] as ConsumerCalendar[])(
    '%s: window ends at 13:00 and 20:00 on its own clock, and reopens at 14:00 and 10:00 next working day',
    (calendar) => {
      // Monday 23 November 2026, an ordinary working day everywhere
      expect(iso(calendar, windowEnd(calendar, local(calendar, '2026-11-23T10:00')))).toMatch(/T13:00:00/);
      expect(iso(calendar, windowEnd(calendar, local(calendar, '2026-11-23T12:59')))).toMatch(/T13:00:00/);
      expect(windowEnd(calendar, local(calendar, '2026-11-23T13:00'))).toBeNull();
      expect(iso(calendar, windowEnd(calendar, local(calendar, '2026-11-23T19:59')))).toMatch(
        /2026-11-23T20:00:00/,
      );
      expect(windowEnd(calendar, local(calendar, '2026-11-23T20:00'))).toBeNull();
      expect(iso(calendar, nextCallingTime(calendar, local(calendar, '2026-11-23T13:00')))).toMatch(
        /2026-11-23T14:00:00/,
      );
      // Friday evening: next Monday 10:00
      expect(iso(calendar, nextCallingTime(calendar, local(calendar, '2026-11-27T20:00')))).toMatch(
        /2026-11-30T10:00:00/,
      );
    },
  );

  it('DST days: window ends keep to the wall clock (Paris springs forward 29 March, falls back 25 October 2026)', () => {
    // 30 March 2026 (Monday after the change): 19:59 CEST, window ends 20:00 CEST = 18:00 UTC
    expect(windowEnd('FR', local('FR', '2026-03-30T19:59'))?.toISOString()).toBe('2026-03-30T18:00:00.000Z');
    // 26 October 2026 (Monday after the change): 20:00 CET = 19:00 UTC
    expect(windowEnd('FR', local('FR', '2026-10-26T19:59'))?.toISOString()).toBe('2026-10-26T19:00:00.000Z');
    // Saturday 28 March at 21:00 (before the change) to Monday 10:00 CEST
    expect(nextCallingTime('FR', local('FR', '2026-03-28T21:00')).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
    // Saint-Pierre-et-Miquelon keeps North American DST: 8 March 2026
    expect(windowEnd('PM', local('PM', '2026-03-09T19:30'))?.toISOString()).toBe('2026-03-09T22:00:00.000Z');
    // Réunion has no DST
    expect(windowEnd('RE', local('RE', '2026-03-30T12:00'))?.toISOString()).toBe('2026-03-30T09:00:00.000Z');
  });

  it('the next calling time skips holidays: Good Friday in Strasbourg, Easter Monday everywhere', () => {
    expect(nextCallingTime('FR-AM', local('FR-AM', '2026-04-02T20:00')).toISOString()).toBe(
      local('FR-AM', '2026-04-07T10:00').toISOString(),
    );
    expect(nextCallingTime('FR', local('FR', '2026-04-02T20:00')).toISOString()).toBe(
      local('FR', '2026-04-03T10:00').toISOString(),
    );
  });
});

describe('properties of the calling window on every consumer calendar (fast-check)', () => {
  const instants = fc.date({
    min: new Date('2025-01-01T00:00:00Z'),
    max: new Date('2031-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const calendars = fc.constantFrom(...CALENDAR_NAMES);
  const minuteOf = (calendar: ConsumerCalendar, at: Date) => {
    const localAt = DateTime.fromJSDate(at, { zone: zoneOfCalendar(calendar) });
    return localAt.hour * 60 + localAt.minute;
  };

  it('nextCallingTime is the first lawful moment: lawful itself, never earlier, and a window opening when it moves', () => {
    fc.assert(
      fc.property(calendars, instants, (calendar, from) => {
        const next = nextCallingTime(calendar, from);
        expect(next.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(callingTimeRule(calendar, next)).toBeNull();
        if (next.getTime() > from.getTime()) {
          expect(callingTimeRule(calendar, from)).not.toBeNull();
          expect(callingTimeRule(calendar, new Date(next.getTime() - 1))).not.toBeNull();
          expect([10 * 60, 14 * 60]).toContain(minuteOf(calendar, next));
        }
      }),
      { seed: 16, numRuns: 400 },
    );
  });

  it('windowEnd closes the window the moment lies in: lawful up to it, unlawful at it (DST days and midnight included)', () => {
    fc.assert(
      fc.property(calendars, instants, (calendar, at) => {
        const end = windowEnd(calendar, at);
        if (callingTimeRule(calendar, at)) {
          expect(end).toBeNull();
          return;
        }
        expect(end!.getTime()).toBeGreaterThan(at.getTime());
        expect(callingTimeRule(calendar, new Date(end!.getTime() - 1))).toBeNull();
        expect(callingTimeRule(calendar, end!)).toBe('outside_calling_hours');
        expect([13 * 60, 20 * 60]).toContain(minuteOf(calendar, end!));
      }),
      { seed: 16, numRuns: 400 },
    );
  });
});
