import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, type SiteScope, UuidParam } from '#core';
import { Allow, ALL_ROLES, type Actor, CallerScope, CurrentActor, Role } from '#identity/access';
import { HeadcountService } from '../application/headcount.service.js';
import { PlansService } from '../application/plans.service.js';
import { HeadcountQuery, MonthRangeQuery, PutPlanDto } from '../application/staffing.dto.js';
import { HeadcountResponse, StaffingPlanResponse } from './staffing.responses.js';

@ApiTags('staffing')
@Controller()
export class HeadcountController {
  constructor(
    private readonly plans: PlansService,
    private readonly headcount: HeadcountService,
  ) {}

  @Put('sites/:id/plans/:month')
  @Allow(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'Set the planned month-end headcount of a site (month YYYY-MM)' })
  @ApiOkResponse({ type: StaffingPlanResponse })
  @ApiErrorResponses(400, 404)
  async putPlan(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Param('month') month: string,
    @Body() body: PutPlanDto,
  ): Promise<StaffingPlanResponse> {
    return this.plans.put(actor, scope, id, month, body);
  }

  @Get('sites/:id/plans')
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Headcount plans of a site by month' })
  @ApiOkResponse({ type: [StaffingPlanResponse] })
  @ApiErrorResponses(400, 404)
  async listPlans(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: MonthRangeQuery,
  ): Promise<StaffingPlanResponse[]> {
    return this.plans.list(scope, id, query);
  }

  @Get('headcount')
  @Allow(...ALL_ROLES)
  @ApiOperation({
    summary: 'Monthly headcount, actual against plan, by site, partner, country or shore',
    description:
      'Per month: month-end headcount (each site’s last report of the month) and plan, growth % against the previous month, ' +
      'attrition = leavers / average headcount, training share = in training / agents, seat utilisation = FTE / staffed seats.',
  })
  @ApiOkResponse({ type: HeadcountResponse })
  @ApiErrorResponses(400, 404)
  async series(@CallerScope() scope: SiteScope, @Query() query: HeadcountQuery): Promise<HeadcountResponse> {
    return this.headcount.series(scope, query);
  }
}
