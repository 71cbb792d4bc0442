import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ALLOCATION_STRATEGIES,
  type AllocationStrategy,
  type CampaignStatus,
  TEST_OBJECTIVES,
  type TestObjective,
} from '#contracts';
import { HasDecimalPlaces, IsDateTime, PageQuery } from '#core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CampaignSiteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  siteId: string;

  @ApiPropertyOptional({ example: 18.5, description: 'contractual cost per staffed hour (EUR)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasDecimalPlaces(2)
  @Min(0)
  @Max(10_000)
  costPerHour?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0, description: 'contractual floor of the share' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  floor?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 1, description: 'contractual cap of the share' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  cap?: number;

  @ApiPropertyOptional({ default: false, description: 'in the test cell of a test_and_learn campaign' })
  @IsOptional()
  @IsBoolean()
  testCell?: boolean;
}

export class CreateCampaignDto {
  @ApiProperty({ example: 'Prévoyance obsèques — automne' })
  @Transform(trim)
  @IsString()
  @Length(1, 160)
  name: string;

  @ApiProperty({ example: 'prevoyance-obseques' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  product: string;

  @ApiPropertyOptional({ example: 'Cross-sell to current life-insurance customers' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  objective?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateTime()
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateTime()
  endsAt?: string;

  @ApiProperty({ example: 50_000, description: 'contacts the campaign aims to work' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  targetVolume: number;

  @ApiProperty({ example: '+33 1 62 00 00 01', description: 'in the ARCEP ranges for automated callers' })
  @IsString()
  @Length(6, 30)
  callerNumber: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['prevoyance', 'obseques'],
    default: [],
    description:
      'the contract offers (contract_offer of the contacts CSV, as written there) the campaign’s product relates to: ' +
      'a current_contract contact is called only for such a campaign and while its contract is in force; ' +
      'with none, only consenting consumers are called',
  })
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value.map((offer) => trim({ value: offer })) : value))
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'contractOffers must not list an offer twice' })
  @IsString({ each: true, message: 'each of contractOffers must be text' })
  @Length(1, 200, { each: true, message: 'each of contractOffers must be 1 to 200 characters long' })
  contractOffers?: string[];

  @ApiProperty({ enum: ALLOCATION_STRATEGIES })
  @IsIn(ALLOCATION_STRATEGIES)
  allocationStrategy: AllocationStrategy;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100_000,
    default: 50,
    description: 'test_and_learn: reached contacts every test-cell site needs before the split leaves even',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  testMinReached?: number;

  @ApiPropertyOptional({
    minimum: 0.5,
    maximum: 0.999,
    default: 0.95,
    description: 'test_and_learn: P(best) at which the verdict is decided and the split follows the evidence',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasDecimalPlaces(3)
  @Min(0.5)
  @Max(0.999)
  testConfidence?: number;

  @ApiPropertyOptional({
    enum: TEST_OBJECTIVES,
    default: 'conversion',
    description: 'test_and_learn: judge sites on sales per reached contact, or on sales per euro',
  })
  @IsOptional()
  @IsIn(TEST_OBJECTIVES)
  testObjective?: TestObjective;

  @ApiProperty({ type: [CampaignSiteDto], description: 'eligible sites and their terms' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CampaignSiteDto)
  sites: CampaignSiteDto[];
}

export class CampaignQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] })
  @IsOptional()
  @IsIn(['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'])
  status?: CampaignStatus;
}

export class CampaignActionDto {
  @ApiPropertyOptional({
    description:
      'launch: go ahead although the opposition list is older than 30 days (or was never refreshed); recorded in the audit trail',
  })
  @IsOptional()
  @IsBoolean()
  confirmStaleOppositionList?: boolean;
}
