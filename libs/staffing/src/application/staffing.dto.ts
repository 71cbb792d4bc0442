import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { HasDecimalPlaces, PageQuery } from '#core';
import { MAX_COUNT, MAX_NOTES } from '../domain/report-rules.js';
import { parsePeriod, PERIOD_FORMAT } from '../domain/report-period.js';

/** A real calendar day or an existing ISO week (`2026-W54` does not exist). */
const IsReportPeriod = () =>
  ValidateBy({
    name: 'isReportPeriod',
    validator: {
      validate: (value) => typeof value === 'string' && parsePeriod(value) !== null,
      defaultMessage: (args) => `${args?.property} must be ${PERIOD_FORMAT} that exists`,
    },
  });

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

const Count = (description: string) => (target: object, property: string) => {
  ApiProperty({ description, minimum: 0, maximum: MAX_COUNT, example: 10 })(target, property);
  IsInt({ message: `${property} must be a whole number` })(target, property);
  Min(0)(target, property);
  Max(MAX_COUNT)(target, property);
};

/** One staffing report, as JSON: `POST /sites/:id/staffing-reports`. */
export class SubmitReportDto {
  @ApiProperty({ example: '2026-11-20', description: 'a day YYYY-MM-DD or an ISO week YYYY-Www' })
  @IsString()
  @Matches(/^\d{4}-(\d{2}-\d{2}|W\d{2})$/, { message: `period must be ${PERIOD_FORMAT}` })
  period: string;

  @Count('agents taking calls') agentsInProduction: number;
  @Count('agents in initial training') agentsInTraining: number;
  @Count('team leaders') teamLeaders: number;
  @Count('supervisors') supervisors: number;
  @Count('trainers and quality analysts') trainersQa: number;
  @Count('people hired since the previous report') hires: number;
  @Count('people who left since the previous report') leavers: number;
  @Count('seats installed on the site') seatsInstalled: number;
  @Count('seats with an agent (at most seatsInstalled)') seatsStaffed: number;

  @ApiProperty({ minimum: 0, maximum: 100, example: 6.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasDecimalPlaces(2)
  @Min(0)
  @Max(100)
  absenteeismPct: number;

  @ApiPropertyOptional({ maxLength: MAX_NOTES, example: 'two leavers to a competitor' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTES)
  attritionNotes?: string;
}

export const REPORT_VERSIONS = ['current', 'all'] as const;

/** `GET /staffing-reports` filters. */
export class ReportQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnerId?: string;
  @ApiPropertyOptional({ example: '2026-11-20' })
  @IsOptional()
  @IsReportPeriod()
  period?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'periods starting on or after this day' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day YYYY-MM-DD' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'periods starting on or before this day' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day YYYY-MM-DD' })
  to?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'reports of one CSV upload' })
  @IsOptional()
  @IsUUID()
  uploadId?: string;
  @ApiPropertyOptional({
    enum: REPORT_VERSIONS,
    default: 'current',
    description: 'all: corrected versions too',
  })
  @IsOptional()
  @IsIn(REPORT_VERSIONS)
  versions?: (typeof REPORT_VERSIONS)[number];
}

/** `PUT /sites/:id/plans/:month`. */
export class PutPlanDto {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_COUNT,
    example: 120,
    description: 'planned headcount at month end',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  headcount: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string;
}

/** `?from=YYYY-MM&to=YYYY-MM` month ranges. */
export class MonthRangeQuery {
  @ApiPropertyOptional({ example: '2025-06', description: 'first month; default 11 months before `to`' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-05', description: 'last month; default the current month' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;
}

export const HEADCOUNT_GROUPS = ['site', 'partner', 'country', 'shore'] as const;
export type HeadcountGroup = (typeof HEADCOUNT_GROUPS)[number];
export const HEADCOUNT_INTERVALS = ['month'] as const;

/** `GET /headcount`. */
export class HeadcountQuery extends MonthRangeQuery {
  @ApiPropertyOptional({
    enum: HEADCOUNT_GROUPS,
    default: 'site',
    description: 'shore: onshore (France) against offshore',
  })
  @IsOptional()
  @IsIn(HEADCOUNT_GROUPS)
  groupBy: HeadcountGroup = 'site';

  @ApiPropertyOptional({ enum: HEADCOUNT_INTERVALS, default: 'month' })
  @IsOptional()
  @IsIn(HEADCOUNT_INTERVALS)
  interval: (typeof HEADCOUNT_INTERVALS)[number] = 'month';

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnerId?: string;
  @ApiPropertyOptional({ example: 'MA' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsISO31661Alpha2()
  country?: string;
}
