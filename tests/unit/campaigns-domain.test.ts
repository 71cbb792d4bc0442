import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  canApply,
  ContactRowValidator,
  fitWithinBounds,
  nextStatus,
  OVERSEAS_NATIONAL,
  PhoneNormaliser,
  seededRandom,
  type SiteAllocationInput,
} from '#campaigns';

const site = (siteId: string, overrides: Partial<SiteAllocationInput> = {}): SiteAllocationInput => ({
  siteId,
  capacity: 100,
  costPerHour: null,
  floor: 0,
  cap: 1,
  testCell: false,
  attempts: 0,
  sales: 0,
  ...overrides,
});
const sum = (shares: Map<string, number>) => [...shares.values()].reduce((a, b) => a + b, 0);

describe('allocation strategies', () => {
  it('proportional to staffed capacity', () => {
    const shares = allocate('proportional_capacity', [
      site('a', { capacity: 300 }),
      site('b', { capacity: 100 }),
    ]);
    expect(shares.get('a')).toBeCloseTo(0.75);
    expect(shares.get('b')).toBeCloseTo(0.25);
  });

  it('caps overflow to the other sites and floors are honoured', () => {
    const shares = fitWithinBounds(
      [site('a', { cap: 0.5 }), site('b', { floor: 0.2 }), site('c')],
      new Map([
        ['a', 90],
        ['b', 5],
        ['c', 5],
      ]),
    );
    expect(shares.get('a')).toBeCloseTo(0.5);
    expect(shares.get('b')!).toBeGreaterThanOrEqual(0.2);
    expect(sum(shares)).toBeCloseTo(1);
  });

  it('cheapest first within caps', () => {
    const shares = allocate('cheapest_first', [
      site('dear', { costPerHour: 30 }),
      site('cheap', { costPerHour: 12, cap: 0.6 }),
      site('mid', { costPerHour: 18, cap: 0.3 }),
    ]);
    expect(shares.get('cheap')).toBeCloseTo(0.6);
    expect(shares.get('mid')).toBeCloseTo(0.3);
    expect(shares.get('dear')).toBeCloseTo(0.1);
  });

  it('best conversion first within caps', () => {
    const shares = allocate('best_conversion', [
      site('weak', { attempts: 200, sales: 4 }),
      site('strong', { attempts: 200, sales: 30, cap: 0.7 }),
    ]);
    expect(shares.get('strong')).toBeCloseTo(0.7);
    expect(shares.get('weak')).toBeCloseTo(0.3);
  });

  it('test_and_learn splits evenly without data and shifts towards the better converting site, within floors and caps', () => {
    const cell = (a: Partial<SiteAllocationInput>, b: Partial<SiteAllocationInput>) => [
      site('inhouse', { testCell: true, floor: 0.2, cap: 0.9, ...a }),
      site('newpartner', { testCell: true, floor: 0.2, cap: 0.9, ...b }),
    ];
    const cold = allocate('test_and_learn', cell({}, {}));
    expect(cold.get('inhouse')).toBeGreaterThan(0.4);
    expect(cold.get('inhouse')).toBeLessThan(0.6);
    const learned = allocate(
      'test_and_learn',
      cell({ attempts: 400, sales: 60 }, { attempts: 400, sales: 20 }),
    );
    expect(learned.get('inhouse')).toBeCloseTo(0.8); // everything above the other's floor
    expect(learned.get('newpartner')).toBeCloseTo(0.2); // the contractual floor
    expect(sum(learned)).toBeCloseTo(1);
  });

  it('test_and_learn keeps sites outside the cell at their floor', () => {
    const shares = allocate('test_and_learn', [
      site('a', { testCell: true }),
      site('b', { testCell: true }),
      site('rest', { floor: 0.1 }),
    ]);
    expect(shares.get('rest')).toBeCloseTo(0.1);
    expect(sum(shares)).toBeCloseTo(1);
  });
});

describe('campaign lifecycle', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it('launch runs at once, or schedules when the start is ahead', () => {
    expect(nextStatus('launch', null, now)).toBe('running');
    expect(nextStatus('launch', new Date('2026-12-01T00:00:00Z'), now)).toBe('scheduled');
  });
  it('refuses illegal transitions', () => {
    expect(canApply('pause', 'running')).toBe(true);
    expect(canApply('resume', 'paused')).toBe(true);
    expect(canApply('pause', 'draft')).toBe(false);
    expect(canApply('launch', 'running')).toBe(false);
    expect(canApply('resume', 'completed')).toBe(false);
    expect(canApply('complete', 'draft')).toBe(false);
    expect(canApply('cancel', 'completed')).toBe(false);
  });
});

describe('contact rows', () => {
  const validator = new ContactRowValidator('2026-11-23');
  const consent = { lawful_basis: 'consent', consent_date: '2026-01-05', consent_proof: 'WEB-123' };

  it('normalises French numbers to E.164 with the consumer’s region and time zone', () => {
    const phones = new PhoneNormaliser();
    expect(phones.normalise('06 12 34 56 78')).toEqual({
      e164: '+33612345678',
      region: 'FR',
      timeZone: 'Europe/Paris',
      located: false,
    });
    expect(phones.normalise('+33 (0)1.62.00.00.01')).toMatchObject({ e164: '+33162000001' });
    expect(phones.normalise('0033612345678')).toMatchObject({ e164: '+33612345678' });
    expect(phones.normalise('+590 690 12 34 56')).toEqual({
      e164: '+590690123456',
      region: 'GP',
      timeZone: 'America/Guadeloupe',
      located: true,
    });
    expect(phones.normalise('+262 262 12 34 56')).toMatchObject({ region: 'RE', timeZone: 'Indian/Reunion' });
    expect(phones.normalise('+212 6 12 34 56 78')).toBe('not_a_french_consumer_number');
    expect(phones.normalise('12')).toBe('invalid_phone');
    expect(phones.normalise('  ')).toBe('missing_phone');
  });

  it('the fast metropolitan path agrees with libphonenumber-js on every prefix', () => {
    const phones = new PhoneNormaliser();
    const random = seededRandom(42);
    for (let i = 0; i < 5000; i++) {
      const national = `${1 + Math.floor(random() * 9)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
      const parsed = parsePhoneNumberFromString(`+33${national}`);
      // overseas ranges belong to their territory (tested on their own), other lines are mobile or geographic only
      if (OVERSEAS_NATIONAL.test(national)) continue;
      const valid = parsed?.isValid() && parsed.country === 'FR';
      const line = ['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE'].includes(parsed?.getType() ?? '');
      const expected = !valid ? 'invalid_phone' : line ? `+33${national}` : 'not_a_consumer_line';
      const got = phones.normalise(`0${national}`);
      expect(typeof got === 'string' ? got : got.e164, national).toBe(expected);
    }
  });

  it('requires a lawful basis with its evidence', () => {
    expect(validator.check(2, { phone: '0612345678', ...consent })).toMatchObject({
      line: 2,
      phone: '+33612345678',
      lawfulBasis: 'consent',
    });
    expect(validator.check(3, { phone: '0612345678' })).toEqual({ line: 3, reason: 'lawful_basis_missing' });
    expect(validator.check(4, { phone: '0612345678', lawful_basis: 'legitimate_interest' })).toEqual({
      line: 4,
      reason: 'lawful_basis_unknown',
    });
    expect(validator.check(5, { phone: '0612345678', ...consent, consent_proof: '' })).toEqual({
      line: 5,
      reason: 'consent_proof_missing',
    });
    expect(validator.check(6, { phone: '0612345678', ...consent, consent_date: '2026-02-30' })).toEqual({
      line: 6,
      reason: 'consent_date_invalid',
    });
    expect(validator.check(7, { phone: '0612345678', ...consent, consent_date: '2027-01-01' })).toEqual({
      line: 7,
      reason: 'consent_date_in_future',
    });
    expect(
      validator.check(8, { phone: '0612345678', lawful_basis: 'current_contract', contract_ref: 'C-1' }),
    ).toEqual({ line: 8, reason: 'contract_offer_missing' });
    expect(
      validator.check(9, {
        phone: '0612345678',
        lawful_basis: 'Current_Contract',
        contract_ref: 'C-1',
        contract_offer: 'obseques',
      }),
    ).toMatchObject({ lawfulBasis: 'current_contract', consentDate: null });
    expect(validator.check(10, { phone: 'not a number', ...consent })).toEqual({
      line: 10,
      reason: 'invalid_phone',
    });
  });
});
