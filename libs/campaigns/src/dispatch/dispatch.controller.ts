import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, type SiteScope, UuidParam } from '#core';
import { type Actor, Allow, CallerScope, CurrentActor, Role } from '#identity/access';
import { LeaseBatchDto, OutcomesDto } from './dispatch.dto.js';
import { LeaseResponse, OutcomesResultResponse } from './dispatch.responses.js';
import { LeaseService } from './lease.service.js';
import { OutcomesService } from './outcomes.service.js';

@ApiTags('dispatch')
@Controller()
export class DispatchController {
  constructor(
    private readonly leases: LeaseService,
    private readonly outcomes: OutcomesService,
  ) {}

  @Post('sites/:id/batches/lease')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Lease a batch of contacts that may lawfully be called now (a partner dialer, for its own site)',
    description:
      'Only running campaigns the site works, within its share; French rules in each consumer’s time zone. ' +
      'Unreported contacts return to the pool when the batch expires.',
  })
  @ApiOkResponse({ type: LeaseResponse })
  @ApiErrorResponses(400, 404, 409)
  async lease(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: LeaseBatchDto,
  ): Promise<LeaseResponse> {
    return this.leases.lease(scope, id, body, actor.label);
  }

  @Post('batches/:id/outcomes')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Partner)
  @ApiOperation({
    summary:
      'Report call outcomes for contacts of a leased batch (all or nothing; identical repeats are idempotent)',
  })
  @ApiOkResponse({ type: OutcomesResultResponse })
  @ApiErrorResponses(400, 404, 409)
  async report(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: OutcomesDto,
  ): Promise<OutcomesResultResponse> {
    return this.outcomes.report(scope, id, body.outcomes);
  }
}
