import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  callableCalendars,
  callingTimeRule,
  complianceRefusals,
  type ConsumerRecord,
  ARCEP_ALL_CALLER_PREFIXES,
  callerNumberCalendars,
  isArcepCallerNumber,
  isLawfulCallerNumberFor,
} from '#campaigns';
import { FixedClock } from '#core';

const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toJSDate();
const days = (n: number) => n * 86_400_000;
const consumer = (overrides: Partial<ConsumerRecord> = {}): ConsumerRecord => ({
  calendar: 'FR',
  attempts: [],
  ...overrides,
});

describe('French calling hours, in the consumer’s time zone', () => {
  // Monday 23 November 2026, Paris (UTC+1)
  it('12:59 is callable, 13:00 is the lunch break, 14:00 is callable again', () => {
    expect(callingTimeRule('FR', paris('2026-11-23T12:59'))).toBeNull();
    expect(callingTimeRule('FR', paris('2026-11-23T13:00'))).toBe('outside_calling_hours');
    expect(callingTimeRule('FR', paris('2026-11-23T13:59'))).toBe('outside_calling_hours');
    expect(callingTimeRule('FR', paris('2026-11-23T14:00'))).toBeNull();
  });

  it('opens at 10:00 and closes at 20:00', () => {
    expect(callingTimeRule('FR', paris('2026-11-23T09:59'))).toBe('outside_calling_hours');
    expect(callingTimeRule('FR', paris('2026-11-23T10:00'))).toBeNull();
    expect(callingTimeRule('FR', paris('2026-11-23T19:59'))).toBeNull();
    expect(callingTimeRule('FR', paris('2026-11-23T20:00'))).toBe('outside_calling_hours');
  });

  it('never on Saturdays or Sundays', () => {
    expect(callingTimeRule('FR', paris('2026-11-21T11:00'))).toBe('weekend');
    expect(callingTimeRule('FR', paris('2026-11-22T11:00'))).toBe('weekend');
  });

  it('never on a French public holiday (11 November, a Wednesday in 2026)', () => {
    expect(callingTimeRule('FR', paris('2026-11-11T11:00'))).toBe('public_holiday');
    expect(callingTimeRule('FR', paris('2026-11-12T11:00'))).toBeNull();
  });

  it('overseas departments keep their own clock and holidays', () => {
    // 22 May 2026 (Friday) is the abolition of slavery in Martinique, an ordinary day in Paris
    const at = DateTime.fromISO('2026-05-22T11:00', { zone: 'America/Martinique' }).toJSDate();
    expect(callingTimeRule('MQ', at)).toBe('public_holiday');
    expect(callingTimeRule('FR', at)).toBeNull(); // 17:00 in Paris
    // 11:00 in Paris on a Monday is 06:00 in Guadeloupe and 14:00 in Réunion
    const monday = paris('2026-11-23T11:00');
    expect(callingTimeRule('GP', monday)).toBe('outside_calling_hours');
    expect(callingTimeRule('RE', monday)).toBeNull();
    expect(callableCalendars(monday)).toEqual(expect.arrayContaining(['FR', 'RE']));
    expect(callableCalendars(monday)).not.toContain('GP');
  });

  it('uses the consumer’s clock, not the site’s: during Ramadan Morocco is on UTC+0, one hour behind Paris', () => {
    // 10 March 2026: Casablanca UTC+0, Paris UTC+1
    const casablanca = (time: string) =>
      DateTime.fromISO(`2026-03-10T${time}`, { zone: 'Africa/Casablanca' });
    expect(casablanca('12:00').offset).toBe(0);
    // 09:30 at the Casablanca site is 10:30 in Paris: lawful
    expect(callingTimeRule('FR', casablanca('09:30').toJSDate())).toBeNull();
    // 12:30 at the site looks like morning hours there, but it is 13:30 in Paris: the lunch break
    expect(callingTimeRule('FR', casablanca('12:30').toJSDate())).toBe('outside_calling_hours');
    // 19:30 at the site is 20:30 in Paris: too late
    expect(callingTimeRule('FR', casablanca('19:30').toJSDate())).toBe('outside_calling_hours');
  });
});

describe('per-consumer limits across all partners', () => {
  const now = paris('2026-11-23T11:00');
  const clock = new FixedClock(now);

  it('a 5th attempt within 30 rolling days is refused; the 4th is allowed', () => {
    const three = [1, 5, 10].map((d) => new Date(clock.now().getTime() - days(d)));
    expect(complianceRefusals(consumer({ attempts: three }), clock.now())).toEqual([]);
    const four = [...three, new Date(now.getTime() - days(20))];
    expect(complianceRefusals(consumer({ attempts: four }), clock.now())).toEqual(['max_attempts']);
  });

  it('attempts older than 30 days no longer count', () => {
    const old = [31, 32, 40, 45].map((d) => new Date(now.getTime() - days(d)));
    expect(complianceRefusals(consumer({ attempts: old }), now)).toEqual([]);
    const edge = [1, 2, 3, 30].map((d) => new Date(now.getTime() - days(d)));
    expect(complianceRefusals(consumer({ attempts: edge }), now)).toEqual([]);
  });

  it('no contact for 60 days after a refusal: day 59 refused, day 61 allowed', () => {
    expect(complianceRefusals(consumer({ refusedAt: new Date(now.getTime() - days(59)) }), now)).toEqual([
      'refusal_cooldown',
    ]);
    expect(complianceRefusals(consumer({ refusedAt: new Date(now.getTime() - days(61)) }), now)).toEqual([]);
  });

  it('do_not_call suppresses whatever else holds', () => {
    expect(complianceRefusals(consumer({ doNotCallAt: new Date(now.getTime() - days(400)) }), now)).toEqual([
      'do_not_call',
    ]);
  });

  it('lists every rule that applies', () => {
    const saturday = paris('2026-11-21T11:00');
    const refusals = complianceRefusals(
      consumer({ refusedAt: new Date(saturday.getTime() - days(1)), doNotCallAt: saturday }),
      saturday,
    );
    expect(refusals).toEqual(['do_not_call', 'refusal_cooldown', 'weekend']);
  });
});

describe('caller number in the ARCEP ranges for automated callers', () => {
  it.each([
    '01 62 00 00 01',
    '0163123456',
    '+33 2 70 11 22 33',
    '02 71 00 00 00',
    '03 77 00 00 00',
    '0378000000',
    '04 24 00 00 00',
    '04 25 00 00 00',
    '05 68 00 00 00',
    '05 69 00 00 00',
    '09 48 00 00 00',
    '0033949000000',
  ])('%s is accepted', (number) => expect(isArcepCallerNumber(number)).toBe(true));

  // other 09 numbers (VoIP "polyvalent" numbers) are refused: ARCEP décision 2022-1583 keeps automated callers to these ranges
  it.each([
    '01 61 00 00 00',
    '06 12 34 56 78',
    '09 50 00 00 00',
    '09 70 12 34 56',
    '+33 9 72 00 00 00',
    '09 47 40 00 00',
    '+212 5 22 00 00 00',
    '0162',
    'abc',
  ])('%s is refused', (number) => expect(isArcepCallerNumber(number)).toBe(false));

  it('an overseas range calls its own zone only; a metropolitan range calls everyone', () => {
    expect(callerNumberCalendars('09 47 80 00 01')).toEqual(['RE', 'YT']);
    expect(callerNumberCalendars('+262 9 47 90 00 01')).toEqual(['RE', 'YT']);
    expect(callerNumberCalendars('09 47 50 00 01')).toEqual(['GP', 'BL', 'MF']);
    expect(callerNumberCalendars('+596 9 47 70 00 01')).toEqual(['MQ']);
    expect(callerNumberCalendars('+594 947 60 00 01')).toEqual(['GF']);
    expect(isLawfulCallerNumberFor('09 47 80 00 01', 'RE')).toBe(true);
    expect(isLawfulCallerNumberFor('09 47 80 00 01', 'FR')).toBe(false);
    expect(isLawfulCallerNumberFor('09 47 80 00 01', 'MQ')).toBe(false);
    expect(isLawfulCallerNumberFor('01 62 00 00 01', 'MQ')).toBe(true);
    expect(isLawfulCallerNumberFor('06 12 34 56 78', 'FR')).toBe(false);
  });

  it('property: a ten-digit national number is accepted exactly when it starts with a range, however it is written', () => {
    const prefixes = [...ARCEP_ALL_CALLER_PREFIXES];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^0[1-9]\d{8}$/),
          fc
            .tuple(fc.constantFrom(...prefixes), fc.stringMatching(/^\d{6}$/))
            .map(([prefix, digits]) => `${prefix}${digits}`.slice(0, 10)),
        ),
        fc.constantFrom('national', 'e164', 'spaced', 'dotted'),
        (national, style) => {
          const written =
            style === 'e164'
              ? `+33${national.slice(1)}`
              : style === 'spaced'
                ? national.replace(/(\d{2})(?=\d)/g, '$1 ')
                : style === 'dotted'
                  ? national.replace(/(\d{2})(?=\d)/g, '$1.')
                  : national;
          const inRange = prefixes.some((prefix) => national.startsWith(prefix));
          expect(isArcepCallerNumber(written)).toBe(inRange);
          expect(callerNumberCalendars(written).length > 0).toBe(inRange);
        },
      ),
      { seed: 16, numRuns: 2000 },
    );
  });
});
