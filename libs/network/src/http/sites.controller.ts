import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse, type Page, PageQuery, type SiteScope, UuidParam } from '#core';
import { Allow, ALL_ROLES, CallerScope, Role } from '#identity/access';
import { SitesService } from '../application/sites.service.js';
import { SeatsService } from '../application/seats.service.js';
import { AddSeatsDto, CreateSiteDto, UpdateSeatDto, UpdateSiteDto } from '../application/network.dto.js';
import { SiteQuery } from '../application/site-query.js';
import { SeatResponse, SiteResponse } from './network.responses.js';

@ApiTags('network')
@Controller()
export class SitesController {
  constructor(
    private readonly sites: SitesService,
    private readonly seats: SeatsService,
  ) {}

  @Get('sites')
  @Allow(...ALL_ROLES)
  @ApiPageResponse(SiteResponse)
  @ApiErrorResponses(400)
  async list(@CallerScope() scope: SiteScope, @Query() query: SiteQuery): Promise<Page<SiteResponse>> {
    const page = await this.sites.list(scope, query);
    return { ...page, items: page.items.map(SiteResponse.of) };
  }

  @Get('sites/:id')
  @Allow(...ALL_ROLES)
  @ApiOkResponse({ type: SiteResponse })
  @ApiErrorResponses(400, 404)
  async get(@CallerScope() scope: SiteScope, @Param('id', UuidParam) id: string): Promise<SiteResponse> {
    return SiteResponse.of(await this.sites.get(scope, id));
  }

  @Post('sites')
  @Allow(Role.Admin)
  @ApiCreatedResponse({ type: SiteResponse })
  @ApiErrorResponses(400, 409)
  async open(@CallerScope() scope: SiteScope, @Body() body: CreateSiteDto): Promise<SiteResponse> {
    return SiteResponse.of(await this.sites.open(scope, body));
  }

  @Patch('sites/:id')
  @Allow(Role.Admin)
  @ApiOkResponse({ type: SiteResponse })
  @ApiErrorResponses(400, 404, 409)
  async update(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateSiteDto,
  ): Promise<SiteResponse> {
    return SiteResponse.of(await this.sites.update(scope, id, body));
  }

  @Get('sites/:id/seats')
  @Allow(...ALL_ROLES)
  @ApiPageResponse(SeatResponse)
  @ApiErrorResponses(400, 404)
  async seatsOf(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<SeatResponse>> {
    const page = await this.seats.listForSite(scope, id, query);
    return { ...page, items: page.items.map(SeatResponse.of) };
  }

  @Post('sites/:id/seats')
  @Allow(Role.Admin, Role.Partner)
  @ApiCreatedResponse({ type: [SeatResponse] })
  @ApiErrorResponses(400, 404, 409)
  async install(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: AddSeatsDto,
  ): Promise<SeatResponse[]> {
    return (await this.seats.install(scope, id, body)).map(SeatResponse.of);
  }

  @Patch('seats/:id')
  @Allow(Role.Admin, Role.Partner)
  @ApiOkResponse({ type: SeatResponse })
  @ApiErrorResponses(400, 404, 409)
  async updateSeat(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateSeatDto,
  ): Promise<SeatResponse> {
    return SeatResponse.of(await this.seats.update(scope, id, body));
  }
}
