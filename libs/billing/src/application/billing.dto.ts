import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  BILLABLE_STATES,
  BILLING_BASES,
  type BillableState,
  type BillingBasis,
  CURRENCIES,
  type Currency,
  INVOICE_LINE_STATUSES,
  type InvoiceLineStatus,
  PAUSE_REASONS,
  type PauseReason,
  type SlaTerms,
} from '#contracts';
import { HasDecimalPlaces } from '#core';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const CALENDAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** currencies an exchange rate converts to euros: every one but the euro */
const CONVERTED = CURRENCIES.filter((currency) => currency !== 'EUR');
const Finite = { allowNaN: false, allowInfinity: false };
/** class-validator's maxDecimalPlaces throws (a 500) on numbers printed in exponent form: HasDecimalPlaces */
const Money = (target: object, property: string) => {
  IsNumber(Finite)(target, property);
  HasDecimalPlaces(4)(target, property);
};

export class RateDto {
  @ApiProperty({ example: '2026-01-01' })
  @Matches(DAY, { message: 'validFrom must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validFrom must be a real calendar day' })
  validFrom: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-06-30',
    description: 'inclusive; null: open',
  })
  @IsOptional()
  @Matches(DAY, { message: 'validTo must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validTo must be a real calendar day' })
  validTo?: string | null;

  @ApiProperty({ example: 95, description: 'per billable hour, or per seat and month' })
  @Money
  @Min(0)
  @Max(1_000_000)
  amount: number;
}

const Share =
  (description: string, max = 1) =>
  (target: object, property: string) => {
    ApiProperty({ description, minimum: 0, maximum: max })(target, property);
    Money(target, property);
    Min(0)(target, property);
    Max(max)(target, property);
  };

export class SlaTermsDto implements SlaTerms {
  @Share('an interval breaches below this adherence (delivered / requested agents), e.g. 0.9', 2)
  minIntervalAdherence: number;
  @Share('an interval is within tolerance when |adherence - 1| <= this, e.g. 0.1')
  adherenceTolerance: number;
  @Share("the month's share of intervals within tolerance committed to, e.g. 0.8")
  targetShareWithinTolerance: number;
  @Share('credit per breached interval (contract currency)', 1_000_000)
  creditPerAdherenceBreach: number;
  @Share('credit when the month misses the target share (contract currency)', 10_000_000)
  creditPerMissedMonth: number;
  @Share('relative difference of an invoice line from its expected amount that flags it, e.g. 0.02')
  invoiceTolerance: number;
  @Share('credit per late staffing report (contract currency)', 1_000_000)
  creditPerLateReport: number;
  @Share('credit per compliance incident (contract currency)', 1_000_000)
  creditPerComplianceIncident: number;
}

/** `POST /billing/contracts`. */
export class CreateContractDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'absent: every site of the partner',
  })
  @IsOptional()
  @IsUUID()
  siteId?: string | null;

  @ApiProperty({ example: 'Sittel 2026 outbound' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: BILLING_BASES })
  @IsIn(BILLING_BASES)
  basis: BillingBasis;

  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES)
  currency: Currency;

  @ApiProperty({ example: '2026-01-01' })
  @Matches(DAY, { message: 'validFrom must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validFrom must be a real calendar day' })
  validFrom: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-31' })
  @IsOptional()
  @Matches(DAY, { message: 'validTo must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'validTo must be a real calendar day' })
  validTo?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'seats billed per month (basis seat_month)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  contractedSeats?: number | null;

  @ApiProperty({ enum: BILLABLE_STATES, isArray: true, example: ['on_call', 'wrap_up', 'available'] })
  @IsArray()
  @IsIn(BILLABLE_STATES, { each: true })
  billableStates: BillableState[];

  @ApiProperty({ enum: PAUSE_REASONS, isArray: true, example: ['training', 'briefing'] })
  @IsArray()
  @IsIn(PAUSE_REASONS, { each: true })
  billablePauseReasons: PauseReason[];

  @ApiProperty({ type: [RateDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => RateDto)
  rates: RateDto[];

  @ApiProperty({ type: SlaTermsDto })
  @ValidateNested()
  @Type(() => SlaTermsDto)
  sla: SlaTermsDto;
}

export class ContractQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class RateTableQuery {
  @ApiProperty({ example: '2026-01' })
  @Matches(MONTH, { message: 'from must be YYYY-MM' })
  from: string;

  @ApiProperty({ example: '2026-12' })
  @Matches(MONTH, { message: 'to must be YYYY-MM' })
  to: string;
}

export class RequestedIntervalDto {
  @ApiProperty({ example: '2026-03-02T09:00:00Z', description: 'start of a 30-minute interval of the site' })
  @IsISO8601({ strict: true }, { message: 'start must be an ISO 8601 date-time' })
  start: string;

  @ApiProperty({ example: 12.5, description: 'hours requested in the interval (agents x 0.5)' })
  @IsNumber(Finite)
  @HasDecimalPlaces(2)
  @Min(0)
  @Max(100_000)
  hours: number;
}

/** `PUT /billing/sites/:id/requested-hours`. */
export class RequestedHoursDto {
  @ApiProperty({ type: [RequestedIntervalDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3000)
  @ValidateNested({ each: true })
  @Type(() => RequestedIntervalDto)
  intervals: RequestedIntervalDto[];

  @ApiPropertyOptional({ maxLength: 500, description: 'why (a correction says what it corrects)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** `POST /billing/sites/:id/requested-hours/from-plan`: accept the capacity plan's agents as requested hours. */
export class RequestedFromPlanDto {
  @ApiProperty({
    example: '2026-12-07',
    description: 'first day of the plan (Europe/Paris, as the plan cuts days)',
  })
  @Matches(DAY, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 42, default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(42)
  days: number = 7;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class DayQuery {
  @ApiProperty({ example: '2026-03-02', description: "the site's local day" })
  @Matches(DAY, { message: 'date must be YYYY-MM-DD' })
  date: string;
}

export class RequestedQuery extends DayQuery {
  @ApiPropertyOptional({ enum: ['current', 'all'], default: 'current' })
  @IsOptional()
  @IsIn(['current', 'all'])
  versions?: 'current' | 'all';
}

export class MonthQuery {
  @ApiProperty({ example: '2026-03', description: "a month, in each site's zone" })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month: string;
}

export class CheckQuery extends MonthQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class InvoiceLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  siteId: string;

  @ApiProperty({ example: '2026-03', description: 'a month YYYY-MM or a local day YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}(-\d{2})?$/, { message: 'period must be YYYY-MM or YYYY-MM-DD' })
  period: string;

  @ApiProperty({ example: 1520.5 })
  @IsNumber(Finite)
  @HasDecimalPlaces(2)
  @Min(0)
  @Max(10_000_000)
  hours: number;

  @ApiProperty({ example: 144447.5 })
  @IsNumber(Finite)
  @HasDecimalPlaces(2)
  @Min(0)
  @Max(1_000_000_000)
  amount: number;

  @ApiPropertyOptional({ enum: CURRENCIES, description: "default: the contract's" })
  @IsOptional()
  @IsIn(CURRENCIES)
  currency?: Currency;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'INV-2026-0312' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string | null;
}

/** `POST /billing/invoice-lines`. */
export class InvoiceLinesDto {
  @ApiProperty({ type: [InvoiceLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines: InvoiceLineDto[];
}

export class InvoiceLineQuery {
  @ApiPropertyOptional({ example: '2026-03' })
  @IsOptional()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ enum: INVOICE_LINE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_LINE_STATUSES)
  status?: InvoiceLineStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  uploadId?: string;
}

/** `POST /billing/invoice-lines/:id/review`. */
export class ReviewDto {
  @ApiProperty({ enum: ['accepted', 'disputed'] })
  @IsIn(['accepted', 'disputed'])
  decision: 'accepted' | 'disputed';

  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'Billed 3 h of lunch on 12 March.' })
  @IsString()
  @MinLength(1, { message: 'comment must say why' })
  @MaxLength(2000)
  comment: string;
}

/** `PUT /billing/exchange-rates`: what 1 unit of a currency is worth in euros in a month. */
export class ExchangeRateDto {
  @ApiProperty({ enum: CONVERTED, example: 'MAD', description: 'the currency converted to euros' })
  @IsIn(CONVERTED, { message: `currency must be one of ${CONVERTED.join(', ')} (euros need no rate)` })
  currency: Exclude<Currency, 'EUR'>;

  @ApiProperty({ example: '2026-03' })
  @Matches(CALENDAR_MONTH, { message: 'month must be YYYY-MM (a real month)' })
  month: string;

  @ApiProperty({ example: 0.0921, description: 'euros for 1 unit of the currency (> 0)' })
  @IsNumber(Finite, { message: 'eurPerUnit must be a number with at most 8 decimals' })
  @HasDecimalPlaces(8, { message: 'eurPerUnit must be a number with at most 8 decimals' })
  @IsPositive({ message: 'eurPerUnit must be more than 0' })
  @Max(1_000)
  eurPerUnit: number;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'where the rate comes from, or what a correction corrects',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ExchangeRateQuery {
  @ApiPropertyOptional({ enum: CONVERTED })
  @IsOptional()
  @IsIn(CONVERTED)
  currency?: Exclude<Currency, 'EUR'>;

  @ApiPropertyOptional({ example: '2026-01' })
  @IsOptional()
  @Matches(CALENDAR_MONTH, { message: 'from must be YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12' })
  @IsOptional()
  @Matches(CALENDAR_MONTH, { message: 'to must be YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ enum: ['current', 'all'], default: 'current' })
  @IsOptional()
  @IsIn(['current', 'all'])
  versions?: 'current' | 'all';
}
