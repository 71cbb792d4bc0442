import type { LawfulBasis } from '#contracts';
import { PhoneNormaliser } from './phone-number.js';

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
] as const;
export const REQUIRED_COLUMNS = ['phone', 'lawful_basis'] as const;

export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

/** A valid row, ready for the staging table. */
export interface StagedContact {
  line: number;
  phone: string;
  region: string;
  timeZone: string;
  firstName: string | null;
  lastName: string | null;
  lawfulBasis: LawfulBasis;
  consentDate: string | null;
  consentProof: string | null;
  contractRef: string | null;
  contractOffer: string | null;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
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
    const basis = text(row.lawful_basis)?.toLowerCase();
    const fields = {
      firstName: text(row.first_name),
      lastName: text(row.last_name),
      consentDate: text(row.consent_date),
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
        region: phone.region,
        timeZone: phone.timeZone,
        lawfulBasis: 'consent',
        ...fields,
        contractRef: null,
        contractOffer: null,
      };
    }
    if (basis === 'current_contract') {
      if (!fields.contractRef) return { line, reason: 'contract_ref_missing' };
      if (!fields.contractOffer) return { line, reason: 'contract_offer_missing' };
      return {
        line,
        phone: phone.e164,
        region: phone.region,
        timeZone: phone.timeZone,
        lawfulBasis: 'current_contract',
        ...fields,
        consentDate: null,
        consentProof: null,
      };
    }
    return { line, reason: basis ? 'lawful_basis_unknown' : 'lawful_basis_missing' };
  }
}

export function isRejected(row: StagedContact | RejectedRow): row is RejectedRow {
  return 'reason' in row;
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
