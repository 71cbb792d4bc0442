import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#core';
import { CampaignsOptions } from '../campaigns.options.js';
import { Campaign } from '../domain/campaign.entity.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import { allocate, type SiteAllocationInput } from './allocation-strategies.js';

interface SiteRow {
  site_id: string;
  installed_seats: number;
  cost_per_hour: string | null;
  floor_share: string;
  cap_share: string;
  test_cell: boolean;
  reached: string;
  sales: string;
}

/** Outcomes in which the consumer was reached: the trials of the conversion rate. */
export const REACHED_OUTCOMES = ['reached', 'sale', 'refused', 'callback', 'do_not_call'] as const;

/**
 * Recomputes how a campaign's volume is split between its sites, with the campaign's strategy,
 * from staffed capacity (the latest staffing report when libs/staffing has one, else installed
 * seats), costs, and conversions so far; writes the shares the lease quotas follow.
 */
@Injectable()
export class AllocationService {
  private readonly logger = new Logger(AllocationService.name);
  private staffingTable?: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly options: CampaignsOptions,
  ) {}

  async recompute(campaignId: string): Promise<Map<string, number>> {
    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id: campaignId });
    if (!campaign) throw CampaignsError.campaignNotFound(campaignId);
    const rows: SiteRow[] = await this.dataSource.query(
      `SELECT cs.site_id, s.installed_seats, cs.cost_per_hour, cs.floor_share, cs.cap_share, cs.test_cell,
              count(a.id) FILTER (WHERE a.outcome = ANY($2)) AS reached,
              count(a.id) FILTER (WHERE a.outcome = 'sale') AS sales
         FROM campaign_site cs
         JOIN site s ON s.id = cs.site_id
         LEFT JOIN contact_attempt a ON a.campaign_id = cs.campaign_id AND a.site_id = cs.site_id
        WHERE cs.campaign_id = $1
        GROUP BY cs.site_id, s.installed_seats, cs.cost_per_hour, cs.floor_share, cs.cap_share, cs.test_cell`,
      [campaignId, [...REACHED_OUTCOMES]],
    );
    const staffed = await this.staffedSeats(rows.map((row) => row.site_id));
    const inputs: SiteAllocationInput[] = rows.map((row) => ({
      siteId: row.site_id,
      capacity: staffed.get(row.site_id) ?? row.installed_seats,
      costPerHour: row.cost_per_hour === null ? null : Number(row.cost_per_hour),
      floor: Number(row.floor_share),
      cap: Number(row.cap_share),
      testCell: row.test_cell,
      attempts: Number(row.reached),
      sales: Number(row.sales),
    }));
    const shares = allocate(campaign.allocationStrategy, inputs, this.options.random);
    await this.dataSource.transaction(async (manager) => {
      for (const [siteId, share] of shares)
        await manager.query(`UPDATE campaign_site SET share = $3 WHERE campaign_id = $1 AND site_id = $2`, [
          campaignId,
          siteId,
          Math.round(share * 1e7) / 1e7,
        ]);
      await manager.query(`UPDATE campaign SET allocation_computed_at = $2 WHERE id = $1`, [
        campaignId,
        this.clock.now(),
      ]);
    });
    return shares;
  }

  /** Campaigns whose split matters now: scheduled, running or paused. */
  async liveCampaignIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM campaign WHERE status IN ('scheduled', 'running', 'paused') ORDER BY created_at`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * Seats staffed by the latest staffing report of each site, when the staffing context's table
   * exists (libs/staffing is optional here): read defensively, falling back to installed seats.
   */
  private async staffedSeats(siteIds: string[]): Promise<Map<string, number>> {
    if (!siteIds.length) return new Map();
    if (this.staffingTable === undefined) {
      const [{ found }] = await this.dataSource.query(
        `SELECT to_regclass('staffing_report') IS NOT NULL AS found`,
      );
      this.staffingTable = found;
    }
    if (!this.staffingTable) return new Map();
    try {
      const rows: Array<{ site_id: string; seats_staffed: number }> = await this.dataSource.query(
        `SELECT DISTINCT ON (site_id) site_id, seats_staffed FROM staffing_report
          WHERE site_id = ANY($1) AND current ORDER BY site_id, period_start DESC, submitted_at DESC`,
        [siteIds],
      );
      return new Map(rows.map((row) => [row.site_id, Number(row.seats_staffed)]));
    } catch (error) {
      this.logger.warn(`staffing_report unreadable, using installed seats: ${(error as Error).message}`);
      this.staffingTable = false;
      return new Map();
    }
  }
}
