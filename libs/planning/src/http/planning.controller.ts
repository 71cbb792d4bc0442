import type { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorResponses, type SiteScope, UuidParam } from '#core';
import { Allow, ALL_ROLES, type Actor, CallerScope, CurrentActor, NotAWrite, Role } from '#identity/access';
import { StaffingPlanResponse } from '#staffing';
import { CapacityPlanService } from '../application/capacity-plan.service.js';
import { ForecastService } from '../application/forecast.service.js';
import { OutboundService } from '../application/outbound.service.js';
import { PlanningQueuesService } from '../application/planning-queues.service.js';
import {
  AcceptPlanDto,
  CapacityQuery,
  CreateQueueDto,
  ForecastQuery,
  PutVolumesDto,
  SuggestionQuery,
  WhatIfDto,
  WindowQuery,
} from '../application/planning.dto.js';
import { PlanningError } from '../domain/planning.error.js';
import {
  CapacityPlanResponse,
  HeadcountSuggestionResponse,
  PlanningQueueResponse,
  OutboundPlanResponse,
  PoolingResponse,
  QueueForecastResponse,
  VolumePointResponse,
  VolumesResponse,
  WhatIfResponse,
} from './planning.responses.js';

const PLANNERS = [Role.Manager, Role.Admin, Role.Supervisor];

@ApiTags('planning')
@Controller('planning')
export class PlanningController {
  constructor(
    private readonly capacity: CapacityPlanService,
    private readonly queues: PlanningQueuesService,
    private readonly forecasts: ForecastService,
    private readonly outbound: OutboundService,
  ) {}

  @Post('what-if')
  @HttpCode(200)
  @NotAWrite()
  @Allow(...PLANNERS)
  @ApiOperation({
    summary: 'What-if: the figures of a queue interval by interval and the agents its target needs',
    description:
      'Erlang C without patienceSeconds, Erlang A (exponential patience) with it. Service level = calls answered ' +
      'within T over all offered calls (an abandoned call counts as missed); serviceLevelOfAnswered = over answered ' +
      'calls. ASA = mean wait of answered calls. Required agents meet the target and the occupancy cap; scheduled ' +
      'agents = required / (1 − shrinkage), rounded once on the totals. Changes nothing.',
  })
  @ApiOkResponse({ type: WhatIfResponse })
  @ApiErrorResponses(400)
  whatIf(@Body() body: WhatIfDto): WhatIfResponse {
    return this.capacity.whatIf(body);
  }

  @Get('capacity')
  @Allow(...ALL_ROLES)
  @ApiOperation({
    summary: 'Required agents and seats per site, partner or country and 30-minute interval, and the gap',
    description:
      'Each site answers its share of each queue as its own queue. Required agents include in-shift shrinkage and ' +
      'the absence of the latest staffing report; required seats count agents present (on the phones or on ' +
      'in-shift breaks). gap = staffed seats (latest staffing report) − required seats; liveGap = seats not ' +
      'offline now − required seats of the current interval. Sums are rounded once, per group and interval.',
  })
  @ApiOkResponse({ type: CapacityPlanResponse })
  @ApiErrorResponses(400)
  plan(@CallerScope() scope: SiteScope, @Query() query: CapacityQuery): Promise<CapacityPlanResponse> {
    return this.capacity.plan(scope, query);
  }

  @Post('queues')
  @Allow(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Create an inbound queue: handle time, patience, target, and its split across sites today',
  })
  @ApiCreatedResponse({ type: PlanningQueueResponse })
  @ApiErrorResponses(400, 404, 409)
  createQueue(@Body() body: CreateQueueDto): Promise<PlanningQueueResponse> {
    return this.queues.create(body);
  }

  @Get('queues')
  @Allow(...PLANNERS)
  @ApiOperation({
    summary: 'Inbound queues',
    description:
      'A supervisor limited to some sites sees the queues that route calls to them, with those sites.',
  })
  @ApiOkResponse({ type: [PlanningQueueResponse] })
  listQueues(@CallerScope() scope: SiteScope): Promise<PlanningQueueResponse[]> {
    return this.queues.list(scope);
  }

  @Get('queues/:id')
  @Allow(...PLANNERS)
  @ApiOperation({ summary: 'One inbound queue' })
  @ApiOkResponse({ type: PlanningQueueResponse })
  @ApiErrorResponses(400, 404)
  getQueue(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
  ): Promise<PlanningQueueResponse> {
    return this.queues.get(scope, id);
  }

  @Put('queues/:id/volumes')
  @Allow(Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'Write interval volumes of a queue (30-minute intervals; an interval sent again replaces the stored one)',
  })
  @ApiOkResponse({ type: VolumesResponse })
  @ApiErrorResponses(400, 404)
  putVolumes(@Param('id', UuidParam) id: string, @Body() body: PutVolumesDto): Promise<VolumesResponse> {
    return this.queues.putVolumes(id, body);
  }

  @Put('queues/:id/volumes/csv')
  @Allow(Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'Write interval volumes from a CSV file (columns start,calls; start an ISO date-time on :00 or :30)',
    description: 'All or nothing: a bad line refuses the file, with every problem by line.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: VolumesResponse })
  @ApiErrorResponses(400, 404)
  importVolumes(
    @Param('id', UuidParam) id: string,
    @Req() request: FastifyRequest,
  ): Promise<VolumesResponse> {
    const type = request.headers['content-type'];
    if (!type?.startsWith('text/csv') || !request.body)
      throw PlanningError.invalidVolumes(
        [{ line: 0, message: `send text/csv, not ${type ?? 'no body'}` }],
        1,
      );
    return this.queues.importCsv(id, request.body as Readable);
  }

  @Get('queues/:id/volumes')
  @Allow(...PLANNERS)
  @ApiOperation({ summary: 'Stored interval volumes of a queue over days (Europe/Paris)' })
  @ApiOkResponse({ type: [VolumePointResponse] })
  @ApiErrorResponses(400, 404)
  async volumes(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: WindowQuery,
  ): Promise<VolumePointResponse[]> {
    const window = this.capacity.window(query);
    return this.queues.volumes(scope, id, window.from, window.to);
  }

  @Get('outbound')
  @Allow(...PLANNERS)
  @ApiOperation({
    summary: 'Outbound workload of the running campaigns: calls left and agents per lawful interval',
    description:
      'Per campaign: reach rate per attempt (Beta(1, 2) prior updated by its attempts and reached contacts), ' +
      'expected attempts per contact left ((1 − (1 − p)^4) / p), seconds per attempt from its handle times by ' +
      'outcome (talk + wrap-up of a reached attempt, dialling and ringing of an unreached one), measured over the ' +
      'last 28 days from the seat-minutes of the seats working the campaign (live) and its attempts, interval by ' +
      'interval, or assumed (420 s and 45 s) while a kind has fewer than 30 attempts with seat history: ' +
      '`handleTimes` says which, with the sample. The contacts left are spread, calendar by calendar, over the ' +
      'lawful 30-minute intervals on their own clock (weekdays 10:00-13:00 and 14:00-20:00, no public holiday of ' +
      'their territory: metropolitan France, Alsace-Moselle, each overseas territory) until the end date; agents = ' +
      'work seconds per interval / 1,800 / 0.85 occupancy. Without an end date: the finish date at the agents live ' +
      'on the campaign now. The capacity plan adds each site’s share. ' +
      'A supervisor limited to some sites sees the campaigns they work, with those sites only.',
  })
  @ApiOkResponse({ type: [OutboundPlanResponse] })
  outboundPlans(@CallerScope() scope: SiteScope): Promise<OutboundPlanResponse[]> {
    return this.outbound.views(scope);
  }

  @Get('queues/:id/forecast')
  @Allow(...PLANNERS)
  @ApiOperation({
    summary:
      'Forecast of a queue’s 30-minute volumes for the coming weeks, Holt–Winters against seasonal naive',
    description:
      'Additive Holt–Winters with a weekly season of 336 half-hours (α, β, γ by grid on the one-step error) and the ' +
      'seasonal-naive baseline (the same interval a week before), both fitted on the history without its last ' +
      'holdoutWeeks and scored there by WAPE (Σ|actual − forecast| / Σ actual), then fitted on the whole history ' +
      'for the coming weeks. available is false with less than two weeks of history before the held-out weeks. ' +
      'The capacity plan uses the Holt–Winters figures (8 weeks of history) where no volume is stored from today on.',
  })
  @ApiOkResponse({ type: QueueForecastResponse })
  @ApiErrorResponses(400, 404)
  forecast(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: ForecastQuery,
  ): Promise<QueueForecastResponse> {
    return this.forecasts.forecast(scope, id, query);
  }

  @Get('queues/:id/pooling')
  @Allow(...PLANNERS)
  @ApiOperation({
    summary: 'Pooling: one queue across all its sites against today’s split, and the agents the split costs',
  })
  @ApiOkResponse({ type: PoolingResponse })
  @ApiErrorResponses(400, 404)
  pooling(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: WindowQuery,
  ): Promise<PoolingResponse> {
    return this.capacity.pooling(scope, id, query);
  }

  @Get('sites/:id/suggestions/:month')
  @Allow(...ALL_ROLES)
  @ApiOperation({
    summary: 'Suggested month-end headcount of a site (month YYYY-MM) for the month’s demand',
    description:
      'Scheduled agent-hours over the days with demand, per week, over the paid hours of one full-time agent; ' +
      'rounded up once.',
  })
  @ApiOkResponse({ type: HeadcountSuggestionResponse })
  @ApiErrorResponses(400, 404)
  suggestion(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Param('month') month: string,
    @Query() query: SuggestionQuery,
  ): Promise<HeadcountSuggestionResponse> {
    return this.capacity.suggestion(scope, id, month, query);
  }

  @Put('sites/:id/plans/:month')
  @Allow(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Accept the suggested headcount (or your own) into the staffing plan of the month',
    description: 'Writes the plan through staffing (PUT /sites/:id/plans/:month) and leaves an audit event.',
  })
  @ApiOkResponse({ type: StaffingPlanResponse })
  @ApiErrorResponses(400, 404, 409)
  accept(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Param('month') month: string,
    @Body() body: AcceptPlanDto,
  ): Promise<StaffingPlanResponse> {
    return this.capacity.accept(actor, scope, id, month, body);
  }
}
