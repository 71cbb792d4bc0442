import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse, type Page, PageQuery, type SiteScope, UuidParam } from '#core';
import { Allow, ALL_ROLES, CallerScope, Role } from '#identity/access';
import { PartnersService } from '../application/partners.service.js';
import { CreatePartnerDto, UpdatePartnerDto } from '../application/network.dto.js';
import { PartnerResponse } from './network.responses.js';

@ApiTags('network')
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @Allow(...ALL_ROLES)
  @ApiPageResponse(PartnerResponse)
  async list(@CallerScope() scope: SiteScope, @Query() query: PageQuery): Promise<Page<PartnerResponse>> {
    const page = await this.partners.list(scope, query);
    return { ...page, items: page.items.map(PartnerResponse.of) };
  }

  @Get(':id')
  @Allow(...ALL_ROLES)
  @ApiOkResponse({ type: PartnerResponse })
  @ApiErrorResponses(400, 404)
  async get(@CallerScope() scope: SiteScope, @Param('id', UuidParam) id: string): Promise<PartnerResponse> {
    return PartnerResponse.of(await this.partners.get(scope, id));
  }

  @Post()
  @Allow(Role.Admin)
  @ApiCreatedResponse({ type: PartnerResponse })
  @ApiErrorResponses(400, 409)
  async register(@Body() body: CreatePartnerDto): Promise<PartnerResponse> {
    return PartnerResponse.of(await this.partners.register(body));
  }

  @Patch(':id')
  @Allow(Role.Admin)
  @ApiOkResponse({ type: PartnerResponse })
  @ApiErrorResponses(400, 404, 409)
  async update(@Param('id', UuidParam) id: string, @Body() body: UpdatePartnerDto): Promise<PartnerResponse> {
    return PartnerResponse.of(await this.partners.update(id, body));
  }
}
