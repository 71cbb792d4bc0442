import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * What other contexts may read of staffing: the people planned per site for a month, and the
 * seats staffed by each site's latest current report. Staffing owns these tables; campaigns
 * (allocation by capacity) and live (shortfall alerts) read them only through here.
 */
@Injectable()
export class StaffedCapacity {
  constructor(private readonly dataSource: DataSource) {}

  /** Headcount planned for `month` (its first day, YYYY-MM-DD) at each site that has a plan. */
  async plannedHeadcounts(month: string, siteIds: readonly string[]): Promise<Map<string, number>> {
    if (!siteIds.length) return new Map();
    const rows: Array<{ site_id: string; headcount: number }> = await this.dataSource.query(
      `SELECT site_id, headcount FROM staffing_plan WHERE month = $1 AND site_id = ANY($2::uuid[])`,
      [month, siteIds],
    );
    return new Map(rows.map((row) => [row.site_id, Number(row.headcount)]));
  }

  /** Seats staffed by the latest current staffing report of each site that has one. */
  async latestStaffedSeats(siteIds: readonly string[]): Promise<Map<string, number>> {
    if (!siteIds.length) return new Map();
    const rows: Array<{ site_id: string; seats_staffed: number }> = await this.dataSource.query(
      `SELECT DISTINCT ON (site_id) site_id, seats_staffed FROM staffing_report
        WHERE site_id = ANY($1::uuid[]) AND current ORDER BY site_id, period_start DESC, submitted_at DESC`,
      [siteIds],
    );
    return new Map(rows.map((row) => [row.site_id, Number(row.seats_staffed)]));
  }
}
