import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REACHED_OUTCOMES } from '../allocation/allocation.store.js';

/** Attempts, reached contacts and sales of one campaign at one site in a window. */
export interface SiteCampaignOutcomes {
  siteId: string;
  campaignId: string;
  campaignName: string;
  attempts: number;
  reached: number;
  sales: number;
}

/**
 * What the sites' calls produced in a window, for other contexts (billing's cost per outcome and
 * SLA): outcomes per site and campaign by call time, and compliance incidents per site by the time
 * of the call that broke the rules.
 */
@Injectable()
export class OutcomeFigures {
  constructor(private readonly dataSource: DataSource) {}

  async bySiteAndCampaign(siteIds: string[], from: Date, to: Date): Promise<SiteCampaignOutcomes[]> {
    if (!siteIds.length) return [];
    const rows: Array<{
      site_id: string;
      campaign_id: string;
      name: string;
      attempts: number;
      reached: number;
      sales: number;
    }> = await this.dataSource.query(
      `SELECT a.site_id, a.campaign_id, c.name, count(*)::int AS attempts,
              count(*) FILTER (WHERE a.outcome = ANY($4))::int AS reached,
              count(*) FILTER (WHERE a.outcome = 'sale')::int AS sales
         FROM contact_attempt a JOIN campaign c ON c.id = a.campaign_id
        WHERE a.site_id = ANY($1::uuid[]) AND a.attempted_at >= $2 AND a.attempted_at < $3
        GROUP BY a.site_id, a.campaign_id, c.name
        ORDER BY c.name, a.campaign_id`,
      [siteIds, from, to, [...REACHED_OUTCOMES]],
    );
    return rows.map((row) => ({
      siteId: row.site_id,
      campaignId: row.campaign_id,
      campaignName: row.name,
      attempts: row.attempts,
      reached: row.reached,
      sales: row.sales,
    }));
  }

  /** Compliance incidents per site whose call was made in [from, to). */
  async incidentsBySite(siteIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
    if (!siteIds.length) return new Map();
    const rows: Array<{ site_id: string; incidents: number }> = await this.dataSource.query(
      `SELECT site_id, count(*)::int AS incidents FROM compliance_incident
        WHERE site_id = ANY($1::uuid[]) AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY site_id`,
      [siteIds, from, to],
    );
    return new Map(rows.map((row) => [row.site_id, row.incidents]));
  }
}
