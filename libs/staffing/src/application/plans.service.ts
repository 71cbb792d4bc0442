import { Injectable } from '@nestjs/common';
import type { StaffingPlanView } from '#contracts';
import { Clock, type SiteScope } from '#core';
import type { Actor } from '#identity/access';
import type { StaffingPlan } from '../domain/staffing-plan.entity.js';
import { StaffingError } from '../domain/staffing.error.js';
import { StaffingPlanStore } from '../store/staffing-plans.store.js';
import { monthRange } from './headcount.service.js';
import { MonthRangeQuery, PutPlanDto } from './staffing.dto.js';
import { StaffingSites } from './staffing-sites.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Headcount plans: what managers plan per site for the end of each month. */
@Injectable()
export class PlansService {
  constructor(
    private readonly store: StaffingPlanStore,
    private readonly sites: StaffingSites,
    private readonly clock: Clock,
  ) {}

  /** Sets (or replaces) the plan of a site for a month. */
  async put(
    actor: Actor,
    scope: SiteScope,
    siteId: string,
    month: string,
    command: PutPlanDto,
  ): Promise<StaffingPlanView> {
    if (!MONTH.test(month)) throw StaffingError.invalidMonth(month);
    await this.sites.visible(scope, siteId);
    const plan = await this.store.put({
      siteId,
      month: `${month}-01`,
      headcount: command.headcount,
      note: command.note?.trim() || null,
      updatedBy: actor.label,
      updatedAt: this.clock.now(),
    });
    return planView(plan);
  }

  async list(scope: SiteScope, siteId: string, query: MonthRangeQuery): Promise<StaffingPlanView[]> {
    await this.sites.visible(scope, siteId);
    const { from, to } = monthRange(query, this.clock.now());
    const plans = await this.store.ofSite(siteId, `${from}-01`, `${to}-01`);
    return plans.map(planView);
  }
}

function planView(plan: StaffingPlan): StaffingPlanView {
  return {
    siteId: plan.siteId,
    month: plan.month.slice(0, 7),
    headcount: plan.headcount,
    note: plan.note,
    updatedAt: plan.updatedAt.toISOString(),
  };
}
