import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, type SiteScope, UuidParam } from '#core';
import { Allow, ALL_ROLES, CallerScope, Role } from '#identity/access';
import { LiveQueryService } from '../application/live-query.service.js';
import { LiveScopeQuery, OccupancyQuery, parseSeatEvents, SeatEventsDto } from '../application/live.dto.js';
import { OccupancyRollup } from '../application/occupancy-rollup.js';
import { SeatEventsService } from '../application/seat-events.service.js';
import { LiveSnapshotResponse, OccupancyDayResponse, SeatEventsResultResponse } from './live.responses.js';

/** Plain JSON: the global ValidationPipe skips it, `parseSeatEvents` checks it (see live.dto.ts). */
type SeatEventsBody = unknown;

@ApiTags('live')
@Controller()
export class LiveController {
  constructor(
    private readonly seatEvents: SeatEventsService,
    private readonly query: LiveQueryService,
    private readonly rollup: OccupancyRollup,
  ) {}

  @Post('sites/:id/seat-events')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Report seat states (a partner system, for its own sites)',
    description:
      'All or nothing: an unknown seat, a bad state or an event dated in the future refuses the batch. ' +
      'Events older than the seat’s last known state are ignored and counted. Applied before the answer.',
  })
  @ApiBody({ type: SeatEventsDto })
  @ApiOkResponse({ type: SeatEventsResultResponse })
  @ApiErrorResponses(400, 404, 409)
  async ingest(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: SeatEventsBody,
  ): Promise<SeatEventsResultResponse> {
    return this.seatEvents.ingest(scope, id, parseSeatEvents(body));
  }

  @Get('sites/:id/live')
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Live figures of a site and every seat’s state' })
  @ApiOkResponse({ type: LiveSnapshotResponse })
  @ApiErrorResponses(400, 404)
  async site(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
  ): Promise<LiveSnapshotResponse> {
    return this.query.snapshot(scope, { scope: 'site', id });
  }

  @Get('live')
  @Allow(...ALL_ROLES)
  @ApiOperation({
    summary: 'Live figures of the network, a partner, a site or a campaign (what a socket subscription acks)',
  })
  @ApiOkResponse({ type: LiveSnapshotResponse })
  @ApiErrorResponses(400, 403, 404)
  async scope(
    @CallerScope() scope: SiteScope,
    @Query() query: LiveScopeQuery,
  ): Promise<LiveSnapshotResponse> {
    return this.query.snapshot(scope, query);
  }

  @Get('sites/:id/occupancy')
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Occupancy of a site minute by minute over a local day (seat-minute history)' })
  @ApiOkResponse({ type: OccupancyDayResponse })
  @ApiErrorResponses(400, 404)
  async occupancy(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: OccupancyQuery,
  ): Promise<OccupancyDayResponse> {
    return this.rollup.day(scope, id, query.date);
  }
}
