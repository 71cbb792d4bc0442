import { Injectable } from '@nestjs/common';
import { StaffingPlanStore } from '../store/staffing-plans.store.js';
import { StaffingReportStore } from '../store/staffing-reports.store.js';

/**
 * What other contexts may read of staffing: the people planned per site for a month, and the
 * seats staffed by each site's latest current report. Staffing owns these tables; campaigns
 * (allocation by capacity) and live (shortfall alerts) read them only through here.
 */
@Injectable()
export class StaffedCapacity {
  constructor(
    private readonly plans: StaffingPlanStore,
    private readonly reports: StaffingReportStore,
  ) {}

  /** Headcount planned for `month` (its first day, YYYY-MM-DD) at each site that has a plan. */
  plannedHeadcounts(month: string, siteIds: readonly string[]): Promise<Map<string, number>> {
    return this.plans.headcounts(month, siteIds);
  }

  /** Seats staffed by the latest current staffing report of each site that has one. */
  latestStaffedSeats(siteIds: readonly string[]): Promise<Map<string, number>> {
    return this.reports.latestStaffedSeats(siteIds);
  }
}
