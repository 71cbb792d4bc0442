/** Campaigns, contacts, dispatch and outcomes: the shapes partners' dialers and the web app integrate against. */
export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'running',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_ACTIONS = ['launch', 'pause', 'resume', 'complete', 'cancel'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

export const ALLOCATION_STRATEGIES = [
  'proportional_capacity',
  'cheapest_first',
  'best_conversion',
  'test_and_learn',
] as const;
export type AllocationStrategy = (typeof ALLOCATION_STRATEGIES)[number];

/** What a test_and_learn cell is judged on: sales per reached contact, or sales per euro spent. */
export const TEST_OBJECTIVES = ['conversion', 'sales_per_euro'] as const;
export type TestObjective = (typeof TEST_OBJECTIVES)[number];

export const CALL_OUTCOMES = [
  'reached',
  'sale',
  'refused',
  'no_answer',
  'callback',
  'wrong_number',
  'do_not_call',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const LAWFUL_BASES = ['consent', 'current_contract'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** Why a contact may not be called at a given moment (French telemarketing rules). */
export const COMPLIANCE_RULES = [
  'weekend',
  'public_holiday',
  'outside_calling_hours',
  'max_attempts',
  'refusal_cooldown',
  'do_not_call',
  'caller_number',
] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

/**
 * Why a contact's lawful basis does not cover a campaign at a given moment: a `current_contract`
 * contact whose contract offer is not one the campaign relates to, or whose contract has ended.
 */
export const LAWFUL_BASIS_RULES = ['contract_unrelated', 'contract_ended'] as const;
export type LawfulBasisRule = (typeof LAWFUL_BASIS_RULES)[number];

export interface CampaignSiteView {
  siteId: string;
  siteName?: string;
  partnerId?: string;
  country?: string;
  costPerHour: number | null;
  /** contractual floor and cap of the site's share of the volume (0..1) */
  floor: number;
  cap: number;
  testCell: boolean;
  /** current share of the volume, as last computed by the allocation job */
  share: number;
  /** contacts this site holds or has worked */
  assigned: number;
}

export interface CampaignView {
  id: string;
  name: string;
  product: string;
  objective: string | null;
  status: CampaignStatus;
  startsAt: string | null;
  endsAt: string | null;
  targetVolume: number;
  callerNumber: string;
  /** the contract offers (contacts CSV `contract_offer`) the campaign's product relates to: only those `current_contract` contacts are called */
  contractOffers: string[];
  allocationStrategy: AllocationStrategy;
  /** contacts it may call or has called (withheld and withdrawn numbers are not counted): progress's `contacts` */
  contactCount: number;
  allocationComputedAt: string | null;
  /** how the test cell of a test_and_learn campaign is judged, and whether the test has ended */
  test: TestSettingsView;
  sites: CampaignSiteView[];
  createdAt: string;
}

export interface TestSettingsView {
  /** reached contacts every test-cell site needs before the split leaves its starting point */
  minReached: number;
  /** P(best) at which a site is declared better (and from which the split follows the evidence) */
  confidence: number;
  objective: TestObjective;
  endedAt: string | null;
  /** the site kept when a manager ended the test */
  winnerSiteId: string | null;
}

export interface ImportRejection {
  line: number;
  reason: string;
}

export type ImportStatus = 'queued' | 'merging' | 'completed' | 'failed';

export interface ImportView {
  id: string;
  campaignId: string;
  status: ImportStatus;
  /** data rows read from the file (header excluded) */
  rows: number;
  /** rows with a valid French number and a lawful basis */
  valid: number;
  rejected: number;
  /** rows merged so far into the campaign's contacts */
  processed: number;
  created: number;
  /** valid rows whose number was already in the campaign (merged into it) */
  merged: number;
  /** contacts created already suppressed (opposition list) */
  suppressed: number;
  /** valid rows by where the consumer's clock and holidays came from: the address, the number, or the Paris fallback (a mainland mobile without address) */
  clocks: { address: number; number: number; fallback: number };
  rejections: ImportRejection[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface LeasedContact {
  contactId: string;
  campaignId: string;
  /** E.164 */
  phone: string;
  firstName: string | null;
  lastName: string | null;
  /** the consumer's time zone (IANA), where the calling hours apply */
  timeZone: string;
  /** the end of the consumer's current calling window (13:00 or 20:00 on their clock), or the lease's end if sooner: no call after it */
  callBefore: string;
  lawfulBasis: LawfulBasis;
  callerNumber: string;
}

/**
 * Why a lease came back empty: the campaign's contacts still to call, each under the first thing
 * that keeps it from this lease (its lawful basis, a calling rule, held by another lease, the site's share used up),
 * and campaigns with nothing left to call (`nothing_pending`).
 */
export const LEASE_EMPTY_REASONS = [
  ...LAWFUL_BASIS_RULES,
  ...COMPLIANCE_RULES,
  'held_by_another_lease',
  'share_used_up',
  'nothing_pending',
] as const;
export type LeaseEmptyReason = (typeof LEASE_EMPTY_REASONS)[number];

export interface EmptyLeaseWhy {
  /** the running campaigns the site works that were looked at */
  campaigns: number;
  /** contacts by reason (nothing_pending: campaigns) */
  reasons: Partial<Record<LeaseEmptyReason, number>>;
  /** the earliest moment one of these campaigns' contacts may lawfully be called (its consumer's rules and calendar), null when none ever may */
  nextLawfulAt: string | null;
}

export interface LeaseView {
  /** null when nothing may lawfully be called now */
  id: string | null;
  siteId: string;
  expiresAt: string | null;
  contacts: LeasedContact[];
  /** only on an empty lease: why, and when to ask again */
  why?: EmptyLeaseWhy;
}

export interface OutcomesResult {
  batchId: string;
  recorded: number;
  /** identical reports already recorded (idempotent repeats) */
  duplicates: number;
  remaining: number;
}

export interface SiteProgress {
  siteId: string;
  siteName: string;
  country: string;
  attempts: number;
  reached: number;
  sales: number;
  conversion: number | null;
  share: number;
}

export interface CampaignProgress {
  campaignId: string;
  status: CampaignStatus;
  /** contacts it may call or has called: contactsLeft + done, the campaign's `contactCount` */
  contacts: number;
  contactsLeft: number;
  leased: number;
  done: number;
  suppressed: number;
  attempts: number;
  reached: number;
  sales: number;
  conversion: number | null;
  bySite: SiteProgress[];
  /** pending contacts that may not be called right now, by the rule that stops them */
  complianceRefusals: Partial<Record<ComplianceRule, number>>;
  /** contacts waiting, by the first thing keeping each from a lease now, as an empty lease's `why` counts them (its lawful basis for the campaign, a rule, the caller number, another lease) */
  waiting: Partial<Record<LeaseEmptyReason, number>>;
  /** the earliest moment one of the queued contacts may lawfully be called; null when none ever may */
  nextLawfulAt: string | null;
  at: string;
}

export interface TransparencyRow {
  contactId: string;
  phone: string;
  attemptedAt: string;
  outcome: CallOutcome;
  siteId: string;
  siteName: string;
  partnerName: string;
  /** ISO 3166-1 alpha-2 of the site the call was made from */
  country: string;
}

/**
 * What the compliance report counts, each traceable to its attempts (`GET /compliance/attempts?rule=`):
 * calls outside the consumer's window (by the rule they broke), reports after their lease expired,
 * calls to a consumer withdrawn meanwhile by a refusal, caller numbers outside the ARCEP ranges,
 * and the refusals recorded (each honoured from then on).
 */
export const REPORT_RULES = [
  'outside_calling_hours',
  'weekend',
  'public_holiday',
  'late_report',
  'called_after_withdrawal',
  'caller_number',
  'refusal',
] as const;
export type ReportRule = (typeof REPORT_RULES)[number];

/** Kinds of compliance incident: a call the rules did not allow, recorded with its partner and site. */
export const INCIDENT_KINDS = [
  'outside_calling_window',
  'called_after_withdrawal',
  'caller_number_not_arcep',
  'caller_number_missing',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export interface ComplianceReportRow {
  /** YYYY-MM, on the insurer's clock (Europe/Paris) */
  month: string;
  partnerId: string;
  partnerName: string;
  siteId: string;
  siteName: string;
  /** ISO 3166-1 alpha-2 of the site the calls were made from */
  country: string;
  campaignId: string;
  campaignName: string;
  attempts: number;
  /** attempts made outside the consumer's calling window (any of its rules) */
  outsideWindow: number;
  lateReports: number;
  /** refused and do_not_call outcomes recorded */
  refusals: number;
  calledAfterWithdrawal: number;
  callerNumberOutsideArcep: number;
  incidents: Partial<Record<IncidentKind, number>>;
}

export interface ComplianceReport {
  /** the period, local dates in Europe/Paris, both included */
  from: string;
  to: string;
  rows: ComplianceReportRow[];
  /** attempts by rule over the whole report */
  byRule: Record<ReportRule, number>;
  totals: { attempts: number; incidents: number };
}

export interface ComplianceAttemptRow {
  attemptId: string;
  contactId: string;
  attemptedAt: string;
  reportedAt: string;
  campaignId: string;
  campaignName: string;
  siteId: string;
  siteName: string;
  partnerName: string;
  country: string;
  outcome: CallOutcome;
  /** every report rule this attempt counts under */
  rules: ReportRule[];
  incidents: IncidentKind[];
  callerNumber: string | null;
}

/** The opposition list (Bloctel) as last refreshed; a launch with a list older than `maxAgeDays` asks for a confirmation. */
export interface OppositionListStatus {
  lastRefreshAt: string | null;
  source: string | null;
  /** numbers in that refresh, and how many were new */
  numbers: number | null;
  added: number | null;
  /** whole days since the last refresh (null: never refreshed) */
  ageDays: number | null;
  maxAgeDays: number;
  stale: boolean;
}
