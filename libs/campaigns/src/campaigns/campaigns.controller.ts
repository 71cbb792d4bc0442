import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CampaignAction } from '#contracts';
import { ApiErrorResponses, ApiPageResponse, type Page, type SiteScope, UuidParam } from '#core';
import { type Actor, Allow, ALL_ROLES, CallerScope, CurrentActor, Role } from '#identity/access';
import { AllocationService } from '../allocation/allocation.service.js';
import { CampaignQuery, CreateCampaignDto } from './campaigns.dto.js';
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

  @Post(':id/launch')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({ summary: 'draft -> running (or scheduled until startsAt); computes the first allocation' })
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404, 409)
  async launch(@Param('id', UuidParam) id: string): Promise<CampaignResponse> {
    const launched = await this.transition(id, 'launch');
    await this.allocation.recompute(id);
    return CampaignResponse.of(await this.campaigns.get({}, launched.id));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404, 409)
  async pause(@Param('id', UuidParam) id: string): Promise<CampaignResponse> {
    return this.transition(id, 'pause');
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404, 409)
  async resume(@Param('id', UuidParam) id: string): Promise<CampaignResponse> {
    return this.transition(id, 'resume');
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404, 409)
  async complete(@Param('id', UuidParam) id: string): Promise<CampaignResponse> {
    return this.transition(id, 'complete');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404, 409)
  async cancel(@Param('id', UuidParam) id: string): Promise<CampaignResponse> {
    return this.transition(id, 'cancel');
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

  private async transition(id: string, action: CampaignAction): Promise<CampaignResponse> {
    return CampaignResponse.of(await this.campaigns.apply(id, action));
  }
}
