import { DomainError, ErrorKind } from '#core';
import type { ReportProblem } from './report-rules.js';

export enum StaffingErrorCode {
  SiteNotFound = 'site_not_found',
  SiteNotActive = 'site_not_active',
  InvalidReport = 'invalid_report',
  InvalidRows = 'invalid_rows',
  InvalidUpload = 'invalid_upload',
  ReportNotFound = 'report_not_found',
  InvalidMonth = 'invalid_month',
  InvalidRange = 'invalid_range',
  ConcurrentCorrection = 'concurrent_correction',
}

export interface RowProblem extends ReportProblem {
  /** line of the CSV file (the header is line 1) */
  line: number;
}

/** Most row problems listed in one answer; the total is always given. */
export const MAX_ROW_PROBLEMS = 100;

/** Failures of the staffing context: reports, uploads, plans, headcount series. */
export class StaffingError extends DomainError<StaffingErrorCode> {
  private constructor(code: StaffingErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static siteNotFound(id: string) {
    return new StaffingError(
      StaffingErrorCode.SiteNotFound,
      ErrorKind.NotFound,
      `Site ${id} does not exist.`,
    );
  }
  static siteNotActive(id: string, status: string) {
    return new StaffingError(
      StaffingErrorCode.SiteNotActive,
      ErrorKind.Conflict,
      `Site ${id} is ${status}: only active sites report staffing.`,
      { status },
    );
  }
  static invalidReport(problems: ReportProblem[]) {
    return new StaffingError(
      StaffingErrorCode.InvalidReport,
      ErrorKind.Invalid,
      `The report is inconsistent: ${problems.map((p) => p.message).join('; ')}.`,
      problems,
    );
  }
  static invalidRows(problems: RowProblem[], total: number) {
    const first = problems[0];
    return new StaffingError(
      StaffingErrorCode.InvalidRows,
      ErrorKind.Invalid,
      `${total} problem(s) in the file; nothing was stored. First: line ${first.line}, ${first.field}: ${first.message}.`,
      { total, problems: problems.slice(0, MAX_ROW_PROBLEMS) },
    );
  }
  static invalidUpload(message: string) {
    return new StaffingError(StaffingErrorCode.InvalidUpload, ErrorKind.Invalid, message);
  }
  static reportNotFound(siteId: string, period: string) {
    return new StaffingError(
      StaffingErrorCode.ReportNotFound,
      ErrorKind.NotFound,
      `Site ${siteId} has no report for ${period}.`,
    );
  }
  static invalidMonth(month: string) {
    return new StaffingError(
      StaffingErrorCode.InvalidMonth,
      ErrorKind.Invalid,
      `"${month}" is not a month: write it YYYY-MM.`,
      { field: 'month' },
    );
  }
  static invalidRange(message: string) {
    return new StaffingError(StaffingErrorCode.InvalidRange, ErrorKind.Invalid, message);
  }
  static concurrentCorrection() {
    return new StaffingError(
      StaffingErrorCode.ConcurrentCorrection,
      ErrorKind.Conflict,
      'Another report for the same site and period was stored at the same moment; send yours again.',
    );
  }
}
