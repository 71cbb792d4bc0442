import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse, type Page, type SiteScope, UuidParam } from '#core';
import { Allow, ALL_ROLES, CallerScope } from '#identity/access';
import { AlertQuery } from '../application/alerts.dto.js';
import { AlertsService } from '../application/alerts.service.js';
import { AlertResponse } from './alerts.responses.js';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Allow(...ALL_ROLES)
  @ApiOperation({
    summary: 'Stored alerts, newest first',
    description: 'A partner sees only the alerts of its own sites; a scoped supervisor those of its sites.',
  })
  @ApiPageResponse(AlertResponse)
  @ApiErrorResponses(400)
  async list(@CallerScope() scope: SiteScope, @Query() query: AlertQuery): Promise<Page<AlertResponse>> {
    const page = await this.alerts.list(scope, query);
    return { ...page, items: page.items.map(AlertResponse.of) };
  }

  @Get(':id')
  @Allow(...ALL_ROLES)
  @ApiOkResponse({ type: AlertResponse })
  @ApiErrorResponses(400, 404)
  async get(@CallerScope() scope: SiteScope, @Param('id', UuidParam) id: string): Promise<AlertResponse> {
    return AlertResponse.of(await this.alerts.get(scope, id));
  }
}
