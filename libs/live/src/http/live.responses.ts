import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LIVE_SCOPES,
  PAUSE_REASONS,
  SEAT_STATES,
  type LiveScope,
  type LiveSnapshot,
  type OccupancyFigures,
  type OccupancyMinute,
  type PauseReason,
  type PauseReasonCounts,
  type SeatEventsResult,
  type SeatLive,
  type SeatState,
  type SeatStateCounts,
  type SiteLive,
} from '#contracts';

export class SeatEventsResultResponse implements SeatEventsResult {
  @ApiProperty() received: number;
  @ApiProperty() applied: number;
  @ApiProperty({ description: 'events older than the seat’s last state: ignored, never applied' })
  ignored: number;
}

export class SeatStateCountsResponse implements SeatStateCounts {
  @ApiProperty() offline: number;
  @ApiProperty() available: number;
  @ApiProperty() on_call: number;
  @ApiProperty() wrap_up: number;
  @ApiProperty() paused: number;
}

export class OccupancyFiguresResponse implements OccupancyFigures {
  @ApiProperty({ description: 'active seats' }) seats: number;
  @ApiProperty() installedSeats: number;
  @ApiProperty({ type: SeatStateCountsResponse }) counts: SeatStateCounts;
  @ApiProperty({ description: 'seats not offline' }) staffed: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '(on_call + wrap_up) / (on_call + wrap_up + available)',
  })
  occupancy: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'declared by the latest staffing report' })
  headcount: number | null;
}

export class SiteLiveResponse extends OccupancyFiguresResponse implements SiteLive {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'keep the figures with the highest seq' }) seq: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastEventAt: string | null;
}

export class SeatLiveResponse implements SeatLive {
  @ApiProperty({ format: 'uuid' }) seatId: string;
  @ApiProperty({ enum: SEAT_STATES }) state: SeatState;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaignId: string | null;
  @ApiPropertyOptional({ enum: PAUSE_REASONS, description: 'why a paused seat is paused, if said' })
  pauseReason?: PauseReason | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'date-time' }) since: string;
}

export class LiveSnapshotResponse implements LiveSnapshot {
  @ApiProperty({
    description:
      "generation of the live state: sites' seq compare only within one epoch; on a new epoch drop what you hold and take a fresh snapshot",
  })
  epoch: string;
  @ApiProperty({ enum: LIVE_SCOPES }) scope: LiveScope;
  @ApiProperty({ type: String, nullable: true }) id: string | null;
  @ApiProperty({ type: OccupancyFiguresResponse }) totals: OccupancyFigures;
  @ApiProperty({ type: [SiteLiveResponse] }) sites: SiteLive[];
  @ApiPropertyOptional({ type: [SeatLiveResponse], description: 'site scope only' }) seats?: SeatLive[];
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class PauseReasonCountsResponse implements PauseReasonCounts {
  @ApiProperty() break: number;
  @ApiProperty() lunch: number;
  @ApiProperty() training: number;
  @ApiProperty() briefing: number;
  @ApiProperty() coaching: number;
  @ApiProperty() technical: number;
}

export class OccupancyMinuteResponse implements OccupancyMinute {
  @ApiProperty({ format: 'date-time' }) minute: string;
  @ApiProperty({ type: SeatStateCountsResponse }) counts: SeatStateCounts;
  @ApiProperty({
    type: PauseReasonCountsResponse,
    description: 'paused seats by reason; the rest of counts.paused gave no reason',
  })
  pauses: PauseReasonCounts;
  @ApiProperty() staffed: number;
  @ApiProperty({ type: Number, nullable: true }) occupancy: number | null;
}

export class OccupancyDayResponse {
  @ApiProperty({ example: '2011-03-14' }) date: string;
  @ApiProperty({ example: 'Africa/Casablanca' }) timeZone: string;
  @ApiProperty({ type: [OccupancyMinuteResponse] }) minutes: OccupancyMinute[];
}
