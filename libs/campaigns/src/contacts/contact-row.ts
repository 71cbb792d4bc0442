import type { LawfulBasis } from '#contracts';
import {
  type AddressProblem,
  calendarOfAddress,
  type ClockSource,
  type ConsumerCalendar,
  CONSUMER_CALENDARS,
  zoneOfCalendar,
} from '../compliance/consumer-regions.js';
import { type NormalisedPhone, PhoneNormaliser } from './phone-number.js';

/** Columns of a contacts CSV (header row required; unknown columns are ignored). */
export const CONTACT_COLUMNS = [
  'phone',
  'first_name',
  'last_name',
  'lawful_basis',
  'consent_date',
  'consent_proof',
  'contract_ref',
  'contract_offer',
  'contract_end',
  'postcode',
  'country',
] as const;
export const REQUIRED_COLUMNS = ['phone', 'lawful_basis'] as const;

export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

/** A valid row, ready for the staging table. */
export interface StagedContact {
  line: number;
  phone: string;
  region: string;
  timeZone: string;
  /** the consumer's clock and holidays: from the address when given, else from the number */
  calendar: ConsumerCalendar;
  clockSource: ClockSource;
  firstName: string | null;
  lastName: string | null;
  lawfulBasis: LawfulBasis;
  consentDate: string | null;
  consentProof: string | null;
  contractRef: string | null;
  contractOffer: string | null;
  /** the contract's last day in force (YYYY-MM-DD), null when open-ended or under consent */
  contractEndsOn: string | null;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** DD/MM/YYYY, the day first as French spreadsheets write dates (never read month first) */
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** A date as YYYY-MM-DD from that form or from DD/MM/YYYY; anything else is returned as it is. */
function isoDate(value: string | null): string | null {
  const french = value && FRENCH_DATE.exec(value);
  return french ? `${french[3]}-${french[2]}-${french[1]}` : value;
}
const MAX_TEXT = 200;

function text(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Checks one CSV row: a French consumer number and a lawful basis with its evidence. Never logs values. */
export class ContactRowValidator {
  private readonly phones = new PhoneNormaliser();

  constructor(private readonly today: string) {}

  check(line: number, row: Partial<Record<ContactColumn, string>>): StagedContact | RejectedRow {
    const phone = this.phones.normalise(row.phone);
    if (typeof phone === 'string') return { line, reason: phone };
    const clock = consumerClock(phone, text(row.postcode), text(row.country));
    if (typeof clock === 'string') return { line, reason: clock };
    const basis = text(row.lawful_basis)?.toLowerCase();
    const fields = {
      firstName: text(row.first_name),
      lastName: text(row.last_name),
      consentDate: isoDate(text(row.consent_date)),
      consentProof: text(row.consent_proof),
      contractRef: text(row.contract_ref),
      contractOffer: text(row.contract_offer),
    };
    const tooLong = Object.entries(fields).find(([, value]) => value && value.length > MAX_TEXT);
    if (tooLong) return { line, reason: `${tooLong[0]}_too_long` };
    if (basis === 'consent') {
      if (!fields.consentDate) return { line, reason: 'consent_date_missing' };
      if (!DATE.test(fields.consentDate) || !isCalendarDate(fields.consentDate))
        return { line, reason: 'consent_date_invalid' };
      if (fields.consentDate > this.today) return { line, reason: 'consent_date_in_future' };
      if (!fields.consentProof) return { line, reason: 'consent_proof_missing' };
      return {
        line,
        phone: phone.e164,
        ...clock,
        lawfulBasis: 'consent',
        ...fields,
        contractRef: null,
        contractOffer: null,
        contractEndsOn: null,
      };
    }
    if (basis === 'current_contract') {
      if (!fields.contractRef) return { line, reason: 'contract_ref_missing' };
      if (!fields.contractOffer) return { line, reason: 'contract_offer_missing' };
      const contractEndsOn = isoDate(text(row.contract_end));
      if (contractEndsOn && (!DATE.test(contractEndsOn) || !isCalendarDate(contractEndsOn)))
        return { line, reason: 'contract_end_invalid' };
      return {
        line,
        phone: phone.e164,
        ...clock,
        lawfulBasis: 'current_contract',
        ...fields,
        consentDate: null,
        consentProof: null,
        contractEndsOn,
      };
    }
    return { line, reason: basis ? 'lawful_basis_unknown' : 'lawful_basis_missing' };
  }
}

/**
 * The consumer's calendar: an address (postcode, country) beats the number; an overseas or a
 * geographic number tells its territory; a mainland mobile alone falls back to Paris.
 */
export function consumerClock(
  phone: NormalisedPhone,
  postcode: string | null,
  country: string | null,
):
  | { region: string; timeZone: string; calendar: ConsumerCalendar; clockSource: ClockSource }
  | AddressProblem {
  const address = calendarOfAddress(postcode, country);
  if ('problem' in address) return address.problem;
  const fromAddress = address.calendar;
  const calendar = fromAddress ?? phone.region;
  return {
    region: CONSUMER_CALENDARS[calendar].region,
    timeZone: zoneOfCalendar(calendar),
    calendar,
    clockSource: fromAddress ? 'address' : phone.located ? 'number' : 'fallback',
  };
}

export function isRejected(row: StagedContact | RejectedRow): row is RejectedRow {
  return 'reason' in row;
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
