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
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { PlanningTargetKind } from '#contracts';

export const TARGET_KINDS: readonly PlanningTargetKind[] = ['service_level', 'asa', 'abandonment'];
export const CAPACITY_GROUPS = ['site', 'partner', 'country'] as const;
/** A what-if covers at most six weeks of 30-minute intervals. */
export const MAX_WHAT_IF_INTERVALS = 48 * 42;
/** At most this many intervals per volume upload (a year of one queue). */
export const MAX_VOLUME_ROWS = 48 * 366;
const MAX_CALLS = 1_000_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const Seconds =
  (description: string, min = 1, max = 7200) =>
  (target: object, property: string) => {
    ApiProperty({ description, minimum: min, maximum: max })(target, property);
    IsNumber(
      { allowNaN: false, allowInfinity: false },
      { message: `${property} must be a number of seconds` },
    )(target, property);
    Min(min)(target, property);
    Max(max)(target, property);
  };

const Fraction = (description: string, min: number, max: number) => (target: object, property: string) => {
  ApiProperty({ description, minimum: min, maximum: max })(target, property);
  IsNumber({ allowNaN: false, allowInfinity: false })(target, property);
  Min(min)(target, property);
  Max(max)(target, property);
};

/** Mean patience of callers, seconds, optional: Erlang A with it, Erlang C without. */
const Patience = () => (target: object, property: string) => {
  ApiPropertyOptional({
    description: 'mean patience of callers, seconds: Erlang A; absent: Erlang C',
    example: 120,
  })(target, property);
  IsOptional()(target, property);
  IsNumber({ allowNaN: false, allowInfinity: false })(target, property);
  Min(1)(target, property);
  Max(7200)(target, property);
};

/** In-shift shrinkage of a query string (breaks, training, coaching); absence comes from staffing reports. */
const InShiftShrinkage = () => (target: object, property: string) => {
  ApiPropertyOptional({
    description: 'in-shift shrinkage 0..0.9 (absence comes from staffing reports)',
    default: 0.15,
  })(target, property);
  IsOptional()(target, property);
  Type(() => Number)(target, property);
  IsNumber({ allowNaN: false, allowInfinity: false })(target, property);
  Min(0)(target, property);
  Max(0.9)(target, property);
};

/** The goal: `service_level` (level of calls within seconds), `asa` (seconds) or `abandonment` (rate). */
export class TargetDto {
  @ApiProperty({ enum: TARGET_KINDS, example: 'service_level' })
  @IsIn(TARGET_KINDS)
  kind: PlanningTargetKind;

  @ApiPropertyOptional({
    description: 'answer time T (service_level) or the highest ASA (asa), seconds',
    example: 20,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(3600)
  seconds?: number;

  @ApiPropertyOptional({
    description: 'service_level: share of offered calls answered within T, 0..1',
    example: 0.8,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(0.999)
  level?: number;

  @ApiPropertyOptional({
    description: 'abandonment: highest share of offered calls that abandon, 0..1',
    example: 0.05,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(0.99)
  rate?: number;
}

/** `POST /planning/what-if`: one queue's intervals under a target, answered at once. */
export class WhatIfDto {
  @ApiProperty({
    type: [Number],
    description: `calls offered per 30-minute interval (1 to ${MAX_WHAT_IF_INTERVALS})`,
    example: [100, 120, 90],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_WHAT_IF_INTERVALS)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  @Min(0, { each: true })
  @Max(MAX_CALLS, { each: true })
  calls: number[];

  @Seconds('average handle time (talk + hold + wrap-up), seconds') ahtSeconds: number;

  @Patience() patienceSeconds?: number;

  @ApiProperty({ type: TargetDto })
  @ValidateNested()
  @Type(() => TargetDto)
  target: TargetDto;

  @ApiPropertyOptional({
    description: 'T at which service level is reported when the target is not a service level',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(3600)
  serviceSeconds?: number;

  @Fraction('highest occupancy agents may run at', 0.3, 1) maxOccupancy: number = 0.85;

  @Fraction('share of paid time off the phones (breaks, training, absence)', 0, 0.9) shrinkage: number = 0.3;

  @ApiPropertyOptional({
    type: [Number],
    description: 'agents on the phones per interval: the figures are then those of this staffing',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_WHAT_IF_INTERVALS)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(100_000, { each: true })
  agents?: number[];
}

export class QueueSiteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  siteId: string;

  @Fraction('share of the queue’s calls this site answers today', 0.001, 1) share: number;
}

/** `POST /planning/queues`: an inbound queue, its goal and today's split across sites. */
export class CreateQueueDto {
  @ApiProperty({ example: 'Prévoyance – service clients', maxLength: 120 })
  @IsString()
  @Length(1, 120)
  name: string;

  @Seconds('average handle time, seconds') ahtSeconds: number;

  @Patience() patienceSeconds?: number;

  @ApiProperty({ type: TargetDto })
  @ValidateNested()
  @Type(() => TargetDto)
  target: TargetDto;

  @Fraction('highest occupancy agents may run at', 0.3, 1) maxOccupancy: number = 0.85;

  @ApiProperty({ type: [QueueSiteDto], description: 'shares sum to 1' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QueueSiteDto)
  sites: QueueSiteDto[];
}

export class VolumeDto {
  @ApiProperty({ format: 'date-time', description: 'start of a 30-minute interval (:00 or :30)' })
  @IsISO8601({ strict: true })
  start: string;

  @ApiProperty({ minimum: 0, example: 42 })
  @IsInt()
  @Min(0)
  @Max(MAX_CALLS)
  calls: number;
}

/** `PUT /planning/queues/:id/volumes` as JSON. */
export class PutVolumesDto {
  @ApiProperty({ type: [VolumeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_VOLUME_ROWS)
  @ValidateNested({ each: true })
  @Type(() => VolumeDto)
  intervals: VolumeDto[];
}

export class WindowQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'first day (Europe/Paris, the consumers’ clock); today by default',
  })
  @IsOptional()
  @Matches(DAY, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 42, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(42)
  days: number = 1;
}

export class CapacityQuery extends WindowQuery {
  @ApiPropertyOptional({ enum: CAPACITY_GROUPS, default: 'site' })
  @IsOptional()
  @IsIn(CAPACITY_GROUPS)
  groupBy: (typeof CAPACITY_GROUPS)[number] = 'site';

  @InShiftShrinkage() inShiftShrinkage: number = 0.15;
}

export class SuggestionQuery {
  @InShiftShrinkage() inShiftShrinkage: number = 0.15;

  @ApiPropertyOptional({ default: 35, description: 'paid hours of one full-time agent a week' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(60)
  hoursPerFtePerWeek: number = 35;
}

/** `PUT /planning/sites/:id/plans/:month`: accept the suggestion (or a headcount of one's own) into the plan. */
export class AcceptPlanDto extends SuggestionQuery {
  @ApiPropertyOptional({ description: 'headcount to plan; the suggestion when absent' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  headcount?: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ForecastQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'first forecast day (Europe/Paris); today by default. History is the weeks before it.',
  })
  @IsOptional()
  @Matches(DAY, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 6, default: 2, description: 'weeks to forecast' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  weeks: number = 2;

  @ApiPropertyOptional({
    minimum: 3,
    maximum: 52,
    default: 8,
    description: 'weeks of history read (the held-out weeks included; two more at least)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(3)
  @Max(52)
  historyWeeks: number = 8;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 4,
    default: 1,
    description: 'last weeks of history held out to score both methods',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  holdoutWeeks: number = 1;
}
