import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CALL_OUTCOMES, type CallOutcome } from '#contracts';
import { IsDateTime } from '#core';

export class LeaseBatchDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5000, default: 100, description: 'contacts wanted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  size?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'only this campaign (it must be running)' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({
    minimum: 60,
    maximum: 14400,
    description: 'seconds before unreported contacts return',
  })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(14_400)
  ttlSeconds?: number;
}

export class OutcomeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  contactId: string;

  @ApiProperty({ enum: CALL_OUTCOMES })
  @IsIn(CALL_OUTCOMES)
  outcome: CallOutcome;

  @ApiPropertyOptional({ format: 'date-time', description: 'when the call was made (default: now)' })
  @IsOptional()
  @IsDateTime()
  at?: string;

  @ApiPropertyOptional({
    example: '+33162000001',
    description:
      'the number the dialer presented to the consumer, expected with every outcome: one outside the ARCEP ranges for the consumer’s ' +
      'territory is recorded and opens a caller_number_not_arcep incident; an outcome without it is recorded (the call happened) ' +
      'and opens a caller_number_missing incident',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[\d\s.\-()]{4,30}$/, { message: 'callerNumber must be a phone number (digits, +, spaces)' })
  callerNumber?: string;
}

export class OutcomesDto {
  @ApiProperty({ type: [OutcomeDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => OutcomeDto)
  outcomes: OutcomeDto[];
}

export class SuppressionsDto {
  @ApiProperty({ type: [String], example: ['+33612345678', '06 12 34 56 78'], maxItems: 10000 })
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  phones: string[];

  @ApiPropertyOptional({ example: 'bloctel', description: 'where the opposition came from' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  source?: string;
}
