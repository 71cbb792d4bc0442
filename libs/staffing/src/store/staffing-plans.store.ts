import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, Repository } from 'typeorm';
import { StaffingPlan } from '../domain/staffing-plan.entity.js';
import type { SitePlan } from '../domain/headcount-series.js';

/** staffing_plan: the only code that queries it. Months are first days, YYYY-MM-DD. */
@Injectable()
export class StaffingPlanStore {
  constructor(@InjectRepository(StaffingPlan) private readonly plans: Repository<StaffingPlan>) {}

  /** Sets (or replaces) the plan of a site for a month; returns it as stored. */
  async put(plan: StaffingPlan): Promise<StaffingPlan> {
    await this.plans.upsert(plan, ['siteId', 'month']);
    return this.plans.findOneByOrFail({ siteId: plan.siteId, month: plan.month });
  }

  /** A site's plans from one month to another (both included), by month. */
  ofSite(siteId: string, from: string, to: string): Promise<StaffingPlan[]> {
    return this.plans.find({ where: { siteId, month: Between(from, to) }, order: { month: 'ASC' } });
  }

  /** The sites' plans from one month to another (both included), months as YYYY-MM. */
  async ofSites(siteIds: readonly string[], from: string, to: string): Promise<SitePlan[]> {
    const rows: Array<{ site_id: string; month: string; headcount: number }> = await this.plans.query(
      `SELECT site_id, to_char(month, 'YYYY-MM') AS month, headcount FROM staffing_plan
       WHERE site_id = ANY($1::uuid[]) AND month BETWEEN $2::date AND $3::date`,
      [siteIds, from, to],
    );
    return rows.map((row) => ({ siteId: row.site_id, month: row.month, headcount: row.headcount }));
  }

  /** Headcount planned for `month` at each of these sites that has a plan. */
  async headcounts(month: string, siteIds: readonly string[]): Promise<Map<string, number>> {
    if (!siteIds.length) return new Map();
    const rows: Array<{ site_id: string; headcount: number }> = await this.plans.query(
      `SELECT site_id, headcount FROM staffing_plan WHERE month = $1 AND site_id = ANY($2::uuid[])`,
      [month, siteIds],
    );
    return new Map(rows.map((row) => [row.site_id, Number(row.headcount)]));
  }
}
