import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsISO8601,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { PartnerKind, SiteStatus } from '#contracts';
import { Omittable } from '#core';
import { PARTNER_KINDS, SITE_STATUSES } from '../domain/site-rules.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePartnerDto {
  @ApiProperty({ example: 'Sittel' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind: PartnerKind;
}

export class UpdatePartnerDto extends PartialType(CreatePartnerDto, { skipNullProperties: false }) {}

export class CreateSiteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId: string;

  @ApiProperty({ example: 'Sittel Casablanca' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ example: 'Casablanca' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  city: string;

  @ApiProperty({ example: 'MA', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  country: string;

  @ApiProperty({ example: 'Africa/Casablanca', description: 'IANA time zone' })
  @IsTimeZone()
  timeZone: string;

  @ApiProperty({ minimum: 0, maximum: 10000, example: 120 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  installedSeats: number;

  @ApiPropertyOptional({ enum: SITE_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(SITE_STATUSES)
  status?: SiteStatus;

  @ApiPropertyOptional({ example: '2010-05-03', description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'openedOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'openedOn must be a real calendar date' })
  openedOn?: string;
}

export class UpdateSiteDto extends PartialType(OmitType(CreateSiteDto, ['partnerId'] as const), {
  skipNullProperties: false,
}) {}

export class AddSeatsDto {
  @ApiProperty({ type: [String], example: ['CAS-001', 'CAS-002'], maxItems: 1000 })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  labels: string[];
}

export class UpdateSeatDto {
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @Length(1, 40)
  label?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  active?: boolean;
}
