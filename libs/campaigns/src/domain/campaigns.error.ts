import type { CampaignAction, CampaignStatus } from '#contracts';
import { DomainError, ErrorKind } from '#core';

export enum CampaignsErrorCode {
  CampaignNotFound = 'campaign_not_found',
  CampaignNameTaken = 'campaign_name_taken',
  IllegalTransition = 'illegal_campaign_transition',
  CallerNumberNotArcep = 'caller_number_not_arcep',
  UnknownSite = 'unknown_site',
  InvalidSchedule = 'invalid_schedule',
  InvalidAllocation = 'invalid_allocation',
  CampaignNotEditable = 'campaign_not_editable',
  CampaignNotRunning = 'campaign_not_running',
  SiteNotEligible = 'site_not_eligible',
  SiteNotFound = 'site_not_found',
  ImportNotFound = 'import_not_found',
  MalformedCsv = 'malformed_csv',
  MissingCsvColumns = 'missing_csv_columns',
  EmptyCsv = 'empty_csv',
  UnsupportedUpload = 'unsupported_upload',
  BatchNotFound = 'batch_not_found',
  ContactNotInBatch = 'contact_not_in_batch',
  OutcomeConflict = 'outcome_conflict',
  DuplicateContactInReport = 'duplicate_contact_in_report',
  InvalidPhone = 'invalid_phone',
  SiteAlreadyInCampaign = 'site_already_in_campaign',
  TestNotOpen = 'test_not_open',
  CallTimeOutsideLease = 'call_time_outside_lease',
  InvalidPeriod = 'invalid_period',
  ReportTooLarge = 'report_too_large',
  OppositionListStale = 'opposition_list_stale',
}

/** Failures of the campaigns context: lifecycle, contacts, dispatch, outcomes. */
export class CampaignsError extends DomainError<CampaignsErrorCode> {
  private constructor(code: CampaignsErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static campaignNotFound(id: string) {
    return new CampaignsError(
      CampaignsErrorCode.CampaignNotFound,
      ErrorKind.NotFound,
      `Campaign ${id} does not exist.`,
    );
  }
  static nameTaken(name: string) {
    return new CampaignsError(
      CampaignsErrorCode.CampaignNameTaken,
      ErrorKind.Conflict,
      `A campaign named "${name}" already exists.`,
    );
  }
  static illegalTransition(action: CampaignAction, from: CampaignStatus, allowed: readonly CampaignStatus[]) {
    return new CampaignsError(
      CampaignsErrorCode.IllegalTransition,
      ErrorKind.Conflict,
      `Cannot ${action} a ${from} campaign; ${action} applies to: ${allowed.join(', ')}.`,
      { action, from, allowedFrom: allowed },
    );
  }
  static callerNumberNotArcep(prefixes: readonly string[]) {
    return new CampaignsError(
      CampaignsErrorCode.CallerNumberNotArcep,
      ErrorKind.Invalid,
      `callerNumber must be a French number in the ARCEP ranges for automated callers (${prefixes.join(', ')}).`,
      { field: 'callerNumber', prefixes },
    );
  }
  static unknownSites(ids: string[]) {
    return new CampaignsError(
      CampaignsErrorCode.UnknownSite,
      ErrorKind.Invalid,
      `sites name unknown or closed sites: ${ids.join(', ')}.`,
      { field: 'sites', siteIds: ids },
    );
  }
  static invalidSchedule(message: string) {
    return new CampaignsError(CampaignsErrorCode.InvalidSchedule, ErrorKind.Invalid, message, {
      field: 'endsAt',
    });
  }
  static invalidAllocation(message: string, details?: unknown) {
    return new CampaignsError(CampaignsErrorCode.InvalidAllocation, ErrorKind.Invalid, message, details);
  }
  static siteAlreadyInCampaign(campaignId: string, siteId: string) {
    return new CampaignsError(
      CampaignsErrorCode.SiteAlreadyInCampaign,
      ErrorKind.Conflict,
      `Site ${siteId} already works campaign ${campaignId}.`,
      { campaignId, siteId },
    );
  }
  /** The test cannot be ended (or joined) as asked: the message says why and what to do. */
  static testNotOpen(message: string, details?: unknown) {
    return new CampaignsError(CampaignsErrorCode.TestNotOpen, ErrorKind.Conflict, message, details);
  }
  static notEditable(id: string, status: CampaignStatus) {
    return new CampaignsError(
      CampaignsErrorCode.CampaignNotEditable,
      ErrorKind.Conflict,
      `Campaign ${id} is ${status}: contacts can be added to draft, scheduled, running or paused campaigns only.`,
      { status },
    );
  }
  static notRunning(id: string, status: CampaignStatus) {
    return new CampaignsError(
      CampaignsErrorCode.CampaignNotRunning,
      ErrorKind.Conflict,
      `Campaign ${id} is ${status}: contacts are leased for running campaigns only.`,
      { status },
    );
  }
  static siteNotEligible(campaignId: string, siteId: string) {
    return new CampaignsError(
      CampaignsErrorCode.SiteNotEligible,
      ErrorKind.Conflict,
      `Site ${siteId} is not one of the sites of campaign ${campaignId}.`,
    );
  }
  static siteNotFound(id: string) {
    return new CampaignsError(
      CampaignsErrorCode.SiteNotFound,
      ErrorKind.NotFound,
      `Site ${id} does not exist.`,
    );
  }
  static importNotFound(id: string) {
    return new CampaignsError(
      CampaignsErrorCode.ImportNotFound,
      ErrorKind.NotFound,
      `Import ${id} does not exist.`,
    );
  }
  static malformedCsv(line: number | undefined, message: string) {
    return new CampaignsError(
      CampaignsErrorCode.MalformedCsv,
      ErrorKind.Invalid,
      `The CSV is malformed${line ? ` at line ${line}` : ''}: ${message}. Nothing was imported.`,
      { line },
    );
  }
  static missingColumns(missing: string[], expected: readonly string[]) {
    return new CampaignsError(
      CampaignsErrorCode.MissingCsvColumns,
      ErrorKind.Invalid,
      `The CSV header lacks ${missing.join(', ')}. Expected columns: ${expected.join(', ')}.`,
      { missing, expected },
    );
  }
  static emptyCsv(message = 'The CSV has no header row.') {
    return new CampaignsError(CampaignsErrorCode.EmptyCsv, ErrorKind.Invalid, message);
  }
  static unsupportedUpload(contentType: string | undefined) {
    return new CampaignsError(
      CampaignsErrorCode.UnsupportedUpload,
      ErrorKind.Invalid,
      `Send the contacts as a text/csv body or as a multipart/form-data file (got ${contentType ?? 'no content type'}).`,
    );
  }
  static batchNotFound(id: string) {
    return new CampaignsError(
      CampaignsErrorCode.BatchNotFound,
      ErrorKind.NotFound,
      `Batch ${id} does not exist.`,
    );
  }
  static contactsNotInBatch(batchId: string, contactIds: string[]) {
    return new CampaignsError(
      CampaignsErrorCode.ContactNotInBatch,
      ErrorKind.Invalid,
      `Contact(s) ${contactIds.join(', ')} are not (or no longer) in batch ${batchId}. Nothing was recorded.`,
      { contactIds },
    );
  }
  static outcomeConflict(contactIds: string[]) {
    return new CampaignsError(
      CampaignsErrorCode.OutcomeConflict,
      ErrorKind.Conflict,
      `A different outcome was already recorded for contact(s) ${contactIds.join(', ')}. Nothing was recorded.`,
      { contactIds },
    );
  }
  static callTimeOutsideLease(index: number, leasedAt: Date, now: Date) {
    return new CampaignsError(
      CampaignsErrorCode.CallTimeOutsideLease,
      ErrorKind.Unprocessable,
      `outcomes.${index}.at must lie between the lease's start (${leasedAt.toISOString()}) and now (${now.toISOString()}): a call is reported when it was made. Nothing was recorded.`,
      { index, field: `outcomes.${index}.at`, leasedAt: leasedAt.toISOString(), now: now.toISOString() },
    );
  }
  static duplicateInReport(contactIds: string[]) {
    return new CampaignsError(
      CampaignsErrorCode.DuplicateContactInReport,
      ErrorKind.Invalid,
      `Each contact may appear once per report; repeated: ${contactIds.join(', ')}.`,
      { contactIds },
    );
  }
  static invalidPhones(indexes: number[]) {
    return new CampaignsError(
      CampaignsErrorCode.InvalidPhone,
      ErrorKind.Invalid,
      `Not a valid French consumer number at position(s) ${indexes.join(', ')}. Nothing was recorded.`,
      { positions: indexes },
    );
  }
  static invalidPeriod(message: string, details?: unknown) {
    return new CampaignsError(CampaignsErrorCode.InvalidPeriod, ErrorKind.Invalid, message, details);
  }
  static reportTooLarge(attempts: number, max: number) {
    return new CampaignsError(
      CampaignsErrorCode.ReportTooLarge,
      ErrorKind.Unprocessable,
      `${attempts} attempts match; one CSV export holds at most ${max}: narrow the period or filter by campaign, partner or site.`,
      { attempts, max },
    );
  }
  static oppositionListStale(lastRefreshAt: string | null, maxAgeDays: number) {
    return new CampaignsError(
      CampaignsErrorCode.OppositionListStale,
      ErrorKind.Conflict,
      lastRefreshAt
        ? `The opposition list was last refreshed on ${lastRefreshAt}, more than ${maxAgeDays} days ago: refresh it (POST /suppressions with source "bloctel") or launch again with confirmStaleOppositionList: true.`
        : `The opposition list has never been refreshed: refresh it (POST /suppressions with source "bloctel") or launch again with confirmStaleOppositionList: true.`,
      { lastRefreshAt, maxAgeDays, field: 'confirmStaleOppositionList' },
    );
  }
}
