import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CAMPAIGN_ACTIONS, type CampaignAction } from '#contracts';
import {
  ApiErrorResponses,
  ApiPageResponse,
  type Page,
  RequestError,
  RequestErrorCode,
  type SiteScope,
  UuidParam,
} from '#core';
import { type Actor, Allow, ALL_ROLES, CallerScope, CurrentActor, Role } from '#identity/access';
import { AllocationService } from '../allocation/allocation.service.js';
import { CampaignActionDto, CampaignQuery, CreateCampaignDto } from './campaigns.dto.js';
import { CampaignResponse } from './campaigns.responses.js';
import { CampaignsService } from './campaigns.service.js';

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly allocation: AllocationService,
  ) {}

  @Post()
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({ summary: 'Create a draft campaign with its eligible sites and allocation strategy' })
  @ApiCreatedResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 409)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCampaignDto): Promise<CampaignResponse> {
    return CampaignResponse.of(await this.campaigns.create(body, actor.label));
  }

  @Get()
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Campaigns (partners: those their sites work, with only their sites)' })
  @ApiPageResponse(CampaignResponse)
  @ApiErrorResponses(400)
  async list(
    @CallerScope() scope: SiteScope,
    @Query() query: CampaignQuery,
  ): Promise<Page<CampaignResponse>> {
    const page = await this.campaigns.list(scope, query);
    return { ...page, items: page.items.map(CampaignResponse.of) };
  }

  @Get(':id')
  @Allow(...ALL_ROLES)
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404)
  async get(@CallerScope() scope: SiteScope, @Param('id', UuidParam) id: string): Promise<CampaignResponse> {
    return CampaignResponse.of(await this.campaigns.get(scope, id));
  }

  @Post(':id/:action')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'Move a campaign through its lifecycle: launch, pause, resume, complete or cancel',
    description:
      'draft -> scheduled (until startsAt) or running -> paused <-> running -> completed; cancel from any ' +
      'open status. An illegal transition is refused (409 illegal_campaign_transition) with the statuses ' +
      'that allow it. Launch computes the first split of volume between the sites.',
  })
  @ApiParam({ name: 'action', enum: CAMPAIGN_ACTIONS })
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404, 409)
  async transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('action') action: string,
    @Body() body: CampaignActionDto,
  ): Promise<CampaignResponse> {
    if (!isCampaignAction(action))
      throw RequestError.invalid(
        RequestErrorCode.ValidationFailed,
        `action must be one of ${CAMPAIGN_ACTIONS.join(', ')}.`,
        [{ field: 'action', problems: [`must be one of ${CAMPAIGN_ACTIONS.join(', ')}`] }],
      );
    // the body may be absent; a launch with a stale opposition list needs the confirmation (CampaignsService.apply)
    await this.campaigns.apply(id, action, body?.confirmStaleOppositionList ? { by: actor } : undefined);
    if (action === 'launch') await this.allocation.recompute(id);
    return CampaignResponse.of(await this.campaigns.get({}, id));
  }

  @Post(':id/allocation')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({ summary: 'Recompute the split of volume between sites now (the job does it every minute)' })
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404)
  async allocate(@Param('id', UuidParam) id: string): Promise<CampaignResponse> {
    await this.allocation.recompute(id);
    return CampaignResponse.of(await this.campaigns.get({}, id));
  }
}

const isCampaignAction = (value: string): value is CampaignAction =>
  (CAMPAIGN_ACTIONS as readonly string[]).includes(value);
