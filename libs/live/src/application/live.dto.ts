import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LIVE_SCOPES, SEAT_STATES, type LiveScope, type SeatState } from '#contracts';

export const MAX_SEAT_EVENTS_PER_BATCH = 5000;

export class SeatEventDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  seatId: string;

  @ApiProperty({ enum: SEAT_STATES })
  @IsIn(SEAT_STATES, { message: `state must be one of ${SEAT_STATES.join(', ')}` })
  state: SeatState;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the campaign the seat works on' })
  @IsOptional()
  @IsUUID()
  campaignId?: string | null;

  @ApiProperty({ format: 'date-time', description: 'when the seat entered this state' })
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date-time' })
  @Matches(/T\d{2}:\d{2}/, { message: 'at must be a date-time, not a date' })
  at: string;
}

export class SeatEventsDto {
  @ApiProperty({ type: [SeatEventDto], minItems: 1, maxItems: MAX_SEAT_EVENTS_PER_BATCH })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SEAT_EVENTS_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => SeatEventDto)
  events: SeatEventDto[];
}

export class LiveScopeQuery {
  @ApiProperty({ enum: LIVE_SCOPES })
  @IsIn(LIVE_SCOPES)
  scope: LiveScope;

  @ApiPropertyOptional({ format: 'uuid', description: 'partner, site or campaign id (not for network)' })
  @ValidateIf((query: LiveScopeQuery) => query.scope !== 'network' || query.id !== undefined)
  @IsUUID()
  id?: string;
}

export class OccupancyQuery {
  @ApiPropertyOptional({
    example: '2011-03-14',
    description: "the site's local day, YYYY-MM-DD (default: today)",
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a real calendar date' })
  date?: string;
}
