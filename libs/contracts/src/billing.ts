import type { PauseReason, PauseReasonCounts, SeatStateCounts } from './live.js';

/** Partner billing: contracts, requested hours, delivered hours, invoice lines, line adherence. */
export const BILLING_BASES = ['productive_hour', 'seat_month'] as const;
export type BillingBasis = (typeof BILLING_BASES)[number];

export const CURRENCIES = ['MAD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Seat states a contract may bill besides pauses (paused seats are billed by reason). */
export const BILLABLE_STATES = ['available', 'on_call', 'wrap_up'] as const;
export type BillableState = (typeof BILLABLE_STATES)[number];

export interface ContractRate {
  /** first local day the rate applies, YYYY-MM-DD */
  validFrom: string;
  /** last local day, inclusive; null: open-ended */
  validTo: string | null;
  /** per billable hour, or per seat and month, in the contract's currency */
  amount: number;
}

export interface SlaTerms {
  /** an interval breaches when delivered productive agents / requested agents is below this */
  minIntervalAdherence: number;
  /** an interval is within tolerance when |adherence - 1| <= this */
  adherenceTolerance: number;
  /** the month's share of intervals within tolerance the partner commits to (0..1) */
  targetShareWithinTolerance: number;
  /** credit owed to the insurer per breached interval, in the contract's currency */
  creditPerAdherenceBreach: number;
  /** credit when the month's share within tolerance misses the target */
  creditPerMissedMonth: number;
  /** relative difference between an invoice line and its expected amount above which it is flagged */
  invoiceTolerance: number;
  /** credit per staffing report received late */
  creditPerLateReport: number;
  /** credit per compliance incident raised at the partner's sites */
  creditPerComplianceIncident: number;
}

export interface BillingContractView {
  id: string;
  partnerId: string;
  /** null: every site of the partner without a contract of its own */
  siteId: string | null;
  name: string;
  basis: BillingBasis;
  currency: Currency;
  validFrom: string;
  validTo: string | null;
  /** seats billed per month (basis seat_month) */
  contractedSeats: number | null;
  billableStates: BillableState[];
  billablePauseReasons: PauseReason[];
  rates: ContractRate[];
  sla: SlaTerms;
  createdAt: string;
}

/** One month of a contract's rate table: the rates in force during the month. */
export interface RateMonth {
  month: string;
  currency: Currency;
  rates: ContractRate[];
}

export interface RequestedInterval {
  siteId: string;
  /** interval start (ISO, UTC); intervals are 30 minutes */
  start: string;
  /** local time of the start in the site's zone, HH:mm */
  localTime: string;
  hours: number;
  /** 1 for the first entry, +1 per correction */
  version: number;
  source: 'manager' | 'capacity_plan';
  enteredBy: string;
  enteredAt: string;
  note: string | null;
  /** false once a later version corrected it (with versions=all) */
  current: boolean;
}

export interface RequestedHoursResult {
  /** intervals that got a new version */
  versioned: number;
  /** intervals sent with the value they already had */
  unchanged: number;
}

/** Delivered hours of one site in one 30-minute interval, from the seat-minute history. */
export interface DeliveredInterval {
  start: string;
  localDate: string;
  localTime: string;
  /** minutes of the interval with a sample in the history (0..30) */
  sampledMinutes: number;
  /** minutes with no sample: shown, never counted as hours */
  gapMinutes: number;
  /** hours by seat state (seat-minutes / 60) */
  hours: SeatStateCounts;
  /** paused hours by reason; the rest of hours.paused gave no reason */
  pauseHours: PauseReasonCounts;
  /** hours the contract bills (billable states and pause reasons); null without a contract */
  billableHours: number | null;
  /** requested hours (current version), null when none were entered */
  requestedHours: number | null;
  /** where requestedHours comes from: entered by a manager, or accepted from the capacity plan; null when none */
  requestedSource: RequestedSource | null;
  /** delivered productive agents (billable states, averaged over the sampled minutes) */
  productiveAgents: number | null;
  /** productive agents / requested agents; null without request or without samples */
  adherence: number | null;
  withinTolerance: boolean | null;
  breach: boolean | null;
}

export interface DeliveredTotals {
  sampledMinutes: number;
  gapMinutes: number;
  hours: SeatStateCounts;
  pauseHours: PauseReasonCounts;
  billableHours: number | null;
  requestedHours: number;
  /** billable hours x the rate in force each day; null without a contract */
  expectedAmount: number | null;
  currency: Currency | null;
}

export interface DeliveredDay extends DeliveredTotals {
  siteId: string;
  date: string;
  timeZone: string;
  contractId: string | null;
  intervals: DeliveredInterval[];
}

/** Where an interval's requested hours come from. */
export const REQUESTED_SOURCES = ['manager', 'capacity_plan'] as const;
export type RequestedSource = (typeof REQUESTED_SOURCES)[number];

/**
 * measured: at least one interval had a request and samples; not_measurable: none had (no
 * contract, no requested hours, or no seat history where hours were requested): no adherence
 * figure and no adherence credit, with the reason said
 */
export const ADHERENCE_STATUSES = ['measured', 'not_measurable'] as const;
export type AdherenceStatus = (typeof ADHERENCE_STATUSES)[number];

export interface LineAdherenceMonth {
  siteId: string;
  month: string;
  timeZone: string;
  contractId: string | null;
  currency: Currency | null;
  status: AdherenceStatus;
  /** why the month is not measurable (null when measured), e.g. "no hours were requested of the site this month" */
  reason: string | null;
  /** intervals with requested hours, by where the request comes from */
  requestedIntervals: Record<RequestedSource, number>;
  /** intervals with a request and samples */
  measuredIntervals: number;
  withinTolerance: number;
  /** withinTolerance / measuredIntervals; null when nothing was measured */
  shareWithinTolerance: number | null;
  breaches: number;
  /** credits the SLA earns the insurer this month */
  credits: number;
  /** per local day, the intervals' adherence (null: not measured), for the heat map */
  days: Array<{ date: string; intervals: Array<{ localTime: string; adherence: number | null }> }>;
}

export const INVOICE_LINE_STATUSES = ['pending', 'accepted', 'disputed'] as const;
export type InvoiceLineStatus = (typeof INVOICE_LINE_STATUSES)[number];

/** An invoice line as a partner sends it (API or CSV `siteId,period,hours,amount[,currency,reference]`). */
export interface InvoiceLineInput {
  siteId: string;
  /** a month YYYY-MM or a local day YYYY-MM-DD */
  period: string;
  hours: number;
  amount: number;
  currency?: Currency;
  reference?: string | null;
}

export interface InvoiceLineReview {
  decision: 'accepted' | 'disputed';
  comment: string;
  by: string;
  at: string;
}

export interface InvoiceLineView {
  id: string;
  partnerId: string;
  siteId: string;
  period: string;
  hours: number;
  amount: number;
  currency: Currency;
  reference: string | null;
  /** billable hours delivered in the period, from the history */
  deliveredHours: number | null;
  expectedAmount: number | null;
  /** amount - expectedAmount */
  difference: number | null;
  /** |difference| > tolerance x expected, or no contract to check it against */
  flagged: boolean;
  flagReason: string | null;
  status: InvoiceLineStatus;
  reviews: InvoiceLineReview[];
  uploadId: string | null;
  submittedAt: string;
}

export interface InvoiceUploadResult {
  uploadId: string;
  accepted: number;
  flagged: number;
  lines: InvoiceLineView[];
}

/** The monthly billing check: per site, what was billed against what was delivered. */
export interface BillingCheckSite {
  siteId: string;
  partnerId: string;
  siteName: string;
  timeZone: string;
  contractId: string | null;
  currency: Currency | null;
  deliveredHours: number;
  billableHours: number | null;
  gapMinutes: number;
  expectedAmount: number | null;
  billedHours: number;
  billedAmount: number;
  difference: number | null;
  lines: number;
  flaggedLines: number;
  disputedLines: number;
  shareWithinTolerance: number | null;
  /** whether line adherence could be measured this month, and if not why */
  adherenceStatus: AdherenceStatus;
  adherenceReason: string | null;
  /** all SLA credits of the month: adherence + timeliness + compliance */
  credits: number;
  adherenceCredits: number;
  /** reporting days whose staffing report was due this month (by now) */
  reportDueDays: number;
  /** of those, reported after 10:00 site time the next day, or not yet */
  lateReports: number;
  /** lateReports x the contract's credit per late report */
  timelinessCredits: number;
  /** compliance incidents raised by calls made at the site this month */
  complianceIncidents: number;
  /** complianceIncidents x the contract's credit per incident */
  complianceCredits: number;
  /** outcomes of the month's calls at the site (by call time) */
  attempts: number;
  reached: number;
  sales: number;
  /** expected amount / reached contacts, / sales; null without a contract or without outcomes */
  costPerReached: number | null;
  costPerSale: number | null;
  /** the site's expected amount shared among its campaigns by their attempts */
  campaigns: CampaignCost[];
}

/** Cost per outcome of one campaign at one site (or partner) in a month. */
export interface CampaignCost {
  campaignId: string;
  campaignName: string;
  attempts: number;
  reached: number;
  sales: number;
  /** share of the expected amount by attempts; null without a contract */
  cost: number | null;
  costPerReached: number | null;
  costPerSale: number | null;
}

/** A partner's month in one currency: its sites' expected amounts against their outcomes. */
export interface PartnerCost {
  partnerId: string;
  currency: Currency;
  expectedAmount: number;
  credits: number;
  attempts: number;
  reached: number;
  sales: number;
  costPerReached: number | null;
  costPerSale: number | null;
  campaigns: CampaignCost[];
}

export interface BillingCheck {
  month: string;
  sites: BillingCheckSite[];
  partners: PartnerCost[];
}

/**
 * What one unit of a currency is worth in euros in a month (MAD→EUR), entered by managers; a
 * correction is the next version of the month, the earlier ones kept.
 */
export interface ExchangeRateView {
  currency: Currency;
  /** YYYY-MM */
  month: string;
  /** euros for 1 unit of the currency, e.g. 0.0921 for 1 MAD */
  eurPerUnit: number;
  version: number;
  enteredBy: string;
  enteredAt: string;
  note: string | null;
  /** false once a later version corrected it (with versions=all) */
  current: boolean;
}

/**
 * Billing's cost of a campaign at a site over a window, for the campaign allocation's cost view:
 * the site's expected amount over the window (billable hours x the contract's rate, or its seats
 * pro rata), shared among the campaigns it called for by their attempts, converted to euros with
 * each month's exchange rate.
 */
export interface CampaignSiteCost {
  /** euros; null when billing cannot price it (see problem) */
  eur: number | null;
  /** the same in the contract's currency, before conversion */
  amount: number | null;
  currency: Currency | null;
  /** why eur is null, e.g. "no MAD→EUR exchange rate for 2026-03" */
  problem: string | null;
}
