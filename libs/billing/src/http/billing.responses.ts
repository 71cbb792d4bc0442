import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BILLABLE_STATES,
  BILLING_BASES,
  type BillableState,
  type BillingBasis,
  type BillingCheck,
  type BillingCheckSite,
  type CampaignCost,
  type PartnerCost,
  type BillingContractView,
  type ContractRate,
  CURRENCIES,
  type Currency,
  type DeliveredDay,
  type DeliveredInterval,
  INVOICE_LINE_STATUSES,
  type InvoiceLineReview,
  type InvoiceLineStatus,
  type InvoiceLineView,
  type InvoiceUploadResult,
  type LineAdherenceMonth,
  ADHERENCE_STATUSES,
  type AdherenceStatus,
  type ExchangeRateView,
  REQUESTED_SOURCES,
  type RequestedSource,
  PAUSE_REASONS,
  type PauseReason,
  type PauseReasonCounts,
  type RateMonth,
  type RequestedHoursResult,
  type RequestedInterval,
  type SeatStateCounts,
} from '#contracts';
import { PauseReasonCountsResponse, SeatStateCountsResponse } from '#live';
import { RateDto, SlaTermsDto } from '../application/billing.dto.js';

export class ContractResponse implements BillingContractView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) siteId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: BILLING_BASES }) basis: BillingBasis;
  @ApiProperty({ enum: CURRENCIES }) currency: Currency;
  @ApiProperty({ example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ type: String, nullable: true }) validTo: string | null;
  @ApiProperty({ type: Number, nullable: true }) contractedSeats: number | null;
  @ApiProperty({ enum: BILLABLE_STATES, isArray: true }) billableStates: BillableState[];
  @ApiProperty({ enum: PAUSE_REASONS, isArray: true }) billablePauseReasons: PauseReason[];
  @ApiProperty({ type: [RateDto] }) rates: ContractRate[];
  @ApiProperty({ type: SlaTermsDto }) sla: SlaTermsDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RateMonthResponse implements RateMonth {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ enum: CURRENCIES }) currency: Currency;
  @ApiProperty({ type: [RateDto], description: 'rates in force during the month, clipped to it' })
  rates: ContractRate[];
}

export class RequestedIntervalResponse implements RequestedInterval {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ example: '09:30' }) localTime: string;
  @ApiProperty() hours: number;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['manager', 'capacity_plan'] }) source: 'manager' | 'capacity_plan';
  @ApiProperty() enteredBy: string;
  @ApiProperty({ format: 'date-time' }) enteredAt: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() current: boolean;
}

export class RequestedHoursResultResponse implements RequestedHoursResult {
  @ApiProperty() versioned: number;
  @ApiProperty() unchanged: number;
}

export class DeliveredIntervalResponse implements DeliveredInterval {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty() localDate: string;
  @ApiProperty({ example: '09:30' }) localTime: string;
  @ApiProperty() sampledMinutes: number;
  @ApiProperty({ description: 'minutes with no sample: shown, never counted' }) gapMinutes: number;
  @ApiProperty({ type: SeatStateCountsResponse }) hours: SeatStateCounts;
  @ApiProperty({ type: PauseReasonCountsResponse }) pauseHours: PauseReasonCounts;
  @ApiProperty({ type: Number, nullable: true }) billableHours: number | null;
  @ApiProperty({ type: Number, nullable: true }) requestedHours: number | null;
  @ApiProperty({
    enum: REQUESTED_SOURCES,
    nullable: true,
    description: 'entered by a manager, or accepted from the capacity plan',
  })
  requestedSource: RequestedSource | null;
  @ApiProperty({ type: Number, nullable: true }) productiveAgents: number | null;
  @ApiProperty({ type: Number, nullable: true }) adherence: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) withinTolerance: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) breach: boolean | null;
}

export class DeliveredDayResponse implements DeliveredDay {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() date: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contractId: string | null;
  @ApiProperty() sampledMinutes: number;
  @ApiProperty() gapMinutes: number;
  @ApiProperty({ type: SeatStateCountsResponse }) hours: SeatStateCounts;
  @ApiProperty({ type: PauseReasonCountsResponse }) pauseHours: PauseReasonCounts;
  @ApiProperty({ type: Number, nullable: true }) billableHours: number | null;
  @ApiProperty() requestedHours: number;
  @ApiProperty({ type: Number, nullable: true }) expectedAmount: number | null;
  @ApiProperty({ enum: CURRENCIES, nullable: true }) currency: Currency | null;
  @ApiProperty({ type: [DeliveredIntervalResponse] }) intervals: DeliveredInterval[];
}

class AdherenceCell {
  @ApiProperty() localTime: string;
  @ApiProperty({ type: Number, nullable: true }) adherence: number | null;
}

class AdherenceDay {
  @ApiProperty() date: string;
  @ApiProperty({ type: [AdherenceCell] }) intervals: AdherenceCell[];
}

export class LineAdherenceResponse implements LineAdherenceMonth {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() month: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contractId: string | null;
  @ApiProperty({ enum: CURRENCIES, nullable: true }) currency: Currency | null;
  @ApiProperty({
    enum: ADHERENCE_STATUSES,
    description: 'not_measurable: no interval had both a request and samples; no adherence figure, no credit',
  })
  status: AdherenceStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'no hours were requested of the site this month',
  })
  reason: string | null;
  @ApiProperty({
    description: 'intervals with requested hours, by source',
    example: { manager: 20, capacity_plan: 16 },
  })
  requestedIntervals: Record<RequestedSource, number>;
  @ApiProperty() measuredIntervals: number;
  @ApiProperty() withinTolerance: number;
  @ApiProperty({ type: Number, nullable: true }) shareWithinTolerance: number | null;
  @ApiProperty() breaches: number;
  @ApiProperty() credits: number;
  @ApiProperty({ type: [AdherenceDay] }) days: AdherenceDay[];
}

class ReviewResponse implements InvoiceLineReview {
  @ApiProperty({ enum: ['accepted', 'disputed'] }) decision: 'accepted' | 'disputed';
  @ApiProperty() comment: string;
  @ApiProperty() by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class InvoiceLineResponse implements InvoiceLineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() period: string;
  @ApiProperty() hours: number;
  @ApiProperty() amount: number;
  @ApiProperty({ enum: CURRENCIES }) currency: Currency;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
  @ApiProperty({ type: Number, nullable: true }) deliveredHours: number | null;
  @ApiProperty({ type: Number, nullable: true }) expectedAmount: number | null;
  @ApiProperty({ type: Number, nullable: true }) difference: number | null;
  @ApiProperty() flagged: boolean;
  @ApiProperty({ type: String, nullable: true }) flagReason: string | null;
  @ApiProperty({ enum: INVOICE_LINE_STATUSES }) status: InvoiceLineStatus;
  @ApiProperty({ type: [ReviewResponse] }) reviews: InvoiceLineReview[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) uploadId: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

export class InvoiceUploadResponse implements InvoiceUploadResult {
  @ApiProperty({ format: 'uuid' }) uploadId: string;
  @ApiProperty() accepted: number;
  @ApiProperty() flagged: number;
  @ApiProperty({ type: [InvoiceLineResponse] }) lines: InvoiceLineView[];
}

class BillingCheckSiteResponse implements BillingCheckSite {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() siteName: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contractId: string | null;
  @ApiProperty({ enum: CURRENCIES, nullable: true }) currency: Currency | null;
  @ApiProperty() deliveredHours: number;
  @ApiProperty({ type: Number, nullable: true }) billableHours: number | null;
  @ApiProperty() gapMinutes: number;
  @ApiProperty({ type: Number, nullable: true }) expectedAmount: number | null;
  @ApiProperty() billedHours: number;
  @ApiProperty() billedAmount: number;
  @ApiProperty({ type: Number, nullable: true }) difference: number | null;
  @ApiProperty() lines: number;
  @ApiProperty() flaggedLines: number;
  @ApiProperty() disputedLines: number;
  @ApiProperty({ type: Number, nullable: true }) shareWithinTolerance: number | null;
  @ApiProperty({ enum: ADHERENCE_STATUSES }) adherenceStatus: AdherenceStatus;
  @ApiProperty({ type: String, nullable: true }) adherenceReason: string | null;
  @ApiProperty({ description: 'all SLA credits: adherence + timeliness + compliance' }) credits: number;
  @ApiProperty() adherenceCredits: number;
  @ApiProperty({
    description: 'reporting days (Monday to Saturday) whose staffing report fell due this month',
  })
  reportDueDays: number;
  @ApiProperty({ description: 'of those, first reported after 10:00 site time the next day, or not yet' })
  lateReports: number;
  @ApiProperty({ description: 'lateReports × the contract’s creditPerLateReport' }) timelinessCredits: number;
  @ApiProperty({ description: 'compliance incidents of calls made at the site this month' })
  complianceIncidents: number;
  @ApiProperty({ description: 'complianceIncidents × the contract’s creditPerComplianceIncident' })
  complianceCredits: number;
  @ApiProperty({ description: 'calls made at the site this month (by call time)' }) attempts: number;
  @ApiProperty() reached: number;
  @ApiProperty() sales: number;
  @ApiProperty({ type: Number, nullable: true, description: 'expectedAmount / reached' })
  costPerReached: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'expectedAmount / sales' }) costPerSale:
    number | null;
  @ApiProperty({ type: () => [CampaignCostResponse] }) campaigns: CampaignCostResponse[];
}

class CampaignCostResponse implements CampaignCost {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() campaignName: string;
  @ApiProperty() attempts: number;
  @ApiProperty() reached: number;
  @ApiProperty() sales: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the expected amount shared among the campaigns by attempts',
  })
  cost: number | null;
  @ApiProperty({ type: Number, nullable: true }) costPerReached: number | null;
  @ApiProperty({ type: Number, nullable: true }) costPerSale: number | null;
}

class PartnerCostResponse implements PartnerCost {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty({ enum: CURRENCIES }) currency: Currency;
  @ApiProperty() expectedAmount: number;
  @ApiProperty() credits: number;
  @ApiProperty() attempts: number;
  @ApiProperty() reached: number;
  @ApiProperty() sales: number;
  @ApiProperty({ type: Number, nullable: true }) costPerReached: number | null;
  @ApiProperty({ type: Number, nullable: true }) costPerSale: number | null;
  @ApiProperty({ type: [CampaignCostResponse] }) campaigns: CampaignCostResponse[];
}

export class BillingCheckResponse implements BillingCheck {
  @ApiProperty() month: string;
  @ApiProperty({ type: [BillingCheckSiteResponse] }) sites: BillingCheckSite[];
  @ApiProperty({ type: [PartnerCostResponse], description: 'per partner and currency: cost per outcome' })
  partners: PartnerCost[];
}

export class RequestedFromPlanResponse {
  @ApiProperty({ description: 'intervals of the plan needing agents' }) intervals: number;
  @ApiProperty({ description: 'intervals that got a new version' }) versioned: number;
  @ApiProperty({ description: 'intervals already requested at the plan’s figure' }) unchanged: number;
}

export class ExchangeRateResponse implements ExchangeRateView {
  @ApiProperty({ enum: CURRENCIES }) currency: Currency;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ example: 0.0921, description: 'euros for 1 unit of the currency' }) eurPerUnit: number;
  @ApiProperty({ description: '1 for the first entry, +1 per correction' }) version: number;
  @ApiProperty() enteredBy: string;
  @ApiProperty({ format: 'date-time' }) enteredAt: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() current: boolean;
}
