import { DomainError, ErrorKind } from '#core';

export enum BillingErrorCode {
  ContractNotFound = 'contract_not_found',
  InvalidContract = 'invalid_contract',
  OverlappingContract = 'overlapping_contract',
  SiteNotFound = 'site_not_found',
  PartnerNotFound = 'partner_not_found',
  InvalidPeriod = 'invalid_period',
  InvalidInterval = 'invalid_interval',
  InvalidRows = 'invalid_rows',
  InvalidUpload = 'invalid_upload',
  InvoiceLineNotFound = 'invoice_line_not_found',
  AlreadyReviewed = 'invoice_line_already_reviewed',
}

export interface RowProblem {
  line: number;
  field: string;
  message: string;
}

/** Failures of the billing context. */
export class BillingError extends DomainError<BillingErrorCode> {
  private constructor(code: BillingErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static contractNotFound(id: string) {
    return new BillingError(
      BillingErrorCode.ContractNotFound,
      ErrorKind.NotFound,
      `Contract ${id} does not exist.`,
    );
  }
  static invalidContract(problems: Array<{ field: string; message: string }>) {
    return new BillingError(
      BillingErrorCode.InvalidContract,
      ErrorKind.Invalid,
      `The contract is inconsistent: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`,
      problems,
    );
  }
  static overlappingContract(existingId: string) {
    return new BillingError(
      BillingErrorCode.OverlappingContract,
      ErrorKind.Conflict,
      `Contract ${existingId} already covers this partner and site for part of these dates; end it first.`,
      { contractId: existingId },
    );
  }
  static siteNotFound(id: string) {
    return new BillingError(BillingErrorCode.SiteNotFound, ErrorKind.NotFound, `Site ${id} does not exist.`);
  }
  static partnerNotFound(id: string) {
    return new BillingError(
      BillingErrorCode.PartnerNotFound,
      ErrorKind.NotFound,
      `Partner ${id} does not exist.`,
    );
  }
  static invalidPeriod(field: string, value: string, expected: string) {
    return new BillingError(
      BillingErrorCode.InvalidPeriod,
      ErrorKind.Invalid,
      `${field} "${value}" is not valid: write it ${expected}.`,
      { field },
    );
  }
  static invalidInterval(index: number, message: string) {
    return new BillingError(
      BillingErrorCode.InvalidInterval,
      ErrorKind.Invalid,
      `intervals.${index}: ${message}`,
      {
        field: `intervals.${index}`,
      },
    );
  }
  static invalidRows(problems: RowProblem[], total: number) {
    const first = problems[0];
    return new BillingError(
      BillingErrorCode.InvalidRows,
      ErrorKind.Invalid,
      `${total} problem(s) in the invoice lines; nothing was stored. First: line ${first.line}, ${first.field}: ${first.message}.`,
      { total, problems: problems.slice(0, 50) },
    );
  }
  static invalidUpload(message: string) {
    return new BillingError(BillingErrorCode.InvalidUpload, ErrorKind.Invalid, message);
  }
  static invoiceLineNotFound(id: string) {
    return new BillingError(
      BillingErrorCode.InvoiceLineNotFound,
      ErrorKind.NotFound,
      `Invoice line ${id} does not exist.`,
    );
  }
}
