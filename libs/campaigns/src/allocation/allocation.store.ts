import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AllocationStrategy, TestObjective } from '#contracts';

/** Outcomes in which the consumer was reached: the trials of the conversion rate. */
export const REACHED_OUTCOMES = ['reached', 'sale', 'refused', 'callback', 'do_not_call'] as const;

/** What the allocation stores of one site of a campaign, and its attempts there. */
export interface CampaignSiteRow {
  siteId: string;
  costPerHour: number | null;
  floor: number;
  cap: number;
  testCell: boolean;
  share: number;
  joinedAt: Date;
  reached: number;
  sales: number;
  /** first and last attempt of the campaign at the site: the window it worked the campaign */
  firstAttemptAt: Date | null;
  lastAttemptAt: Date | null;
}

/** A campaign site as the allocation reads it: with the network's name, partner and installed seats. */
export interface AllocationSiteRow extends CampaignSiteRow {
  siteName: string;
  partnerId: string;
  installedSeats: number;
}

export interface AllocationSettings {
  id: string;
  name: string;
  allocationStrategy: AllocationStrategy;
  status: string;
  startsAt: Date | null;
  createdAt: Date;
  testMinReached: number;
  testConfidence: number;
  testObjective: TestObjective;
  testEndedAt: Date | null;
  testWinnerSiteId: string | null;
}

export interface ShareHistoryPoint {
  at: Date;
  siteId: string;
  share: number;
  probabilityBest: number | null;
  reached: number;
  sales: number;
}

export interface RecordedSplit {
  siteId: string;
  share: number;
  probabilityBest: number | null;
  reached: number;
  sales: number;
}

/** A running campaign's share (0–1) of volume at one of its sites. */
export interface RunningShare {
  campaignId: string;
  campaignName: string;
  siteId: string;
  share: number;
}

/** The allocation's SQL: sites with their outcomes so far, the split it writes, its history. */
@Injectable()
export class AllocationStore {
  constructor(private readonly dataSource: DataSource) {}

  async settings(campaignId: string): Promise<AllocationSettings | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, name, allocation_strategy, status, starts_at, created_at, test_min_reached, test_confidence,
              test_objective, test_ended_at, test_winner_site_id
         FROM campaign WHERE id = $1`,
      [campaignId],
    );
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      allocationStrategy: row.allocation_strategy,
      status: row.status,
      startsAt: row.starts_at,
      createdAt: row.created_at,
      testMinReached: row.test_min_reached,
      testConfidence: Number(row.test_confidence),
      testObjective: row.test_objective,
      testEndedAt: row.test_ended_at,
      testWinnerSiteId: row.test_winner_site_id,
    };
  }

  /** The campaign's sites with their reached contacts and sales so far, in the order they joined. */
  async sites(campaignId: string): Promise<CampaignSiteRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT cs.site_id, cs.cost_per_hour, cs.floor_share, cs.cap_share,
              cs.test_cell, cs.share, cs.joined_at,
              count(a.id) FILTER (WHERE a.outcome = ANY($2)) AS reached,
              count(a.id) FILTER (WHERE a.outcome = 'sale') AS sales,
              min(a.attempted_at) AS first_attempt_at, max(a.attempted_at) AS last_attempt_at
         FROM campaign_site cs
         LEFT JOIN contact_attempt a ON a.campaign_id = cs.campaign_id AND a.site_id = cs.site_id
        WHERE cs.campaign_id = $1
        GROUP BY cs.site_id, cs.cost_per_hour, cs.floor_share, cs.cap_share, cs.test_cell, cs.share, cs.joined_at
        ORDER BY cs.joined_at`,
      [campaignId, [...REACHED_OUTCOMES]],
    );
    return rows.map((row) => ({
      siteId: row.site_id as string,
      costPerHour: row.cost_per_hour === null ? null : Number(row.cost_per_hour),
      floor: Number(row.floor_share),
      cap: Number(row.cap_share),
      testCell: row.test_cell as boolean,
      share: Number(row.share),
      joinedAt: row.joined_at as Date,
      reached: Number(row.reached),
      sales: Number(row.sales),
      firstAttemptAt: (row.first_attempt_at as Date | null) ?? null,
      lastAttemptAt: (row.last_attempt_at as Date | null) ?? null,
    }));
  }

  /**
   * Writes the split the lease quotas follow, and appends it to the share history when it differs
   * from the last recorded split (a split that stays put adds nothing to the trajectory).
   */
  async writeSplit(campaignId: string, split: readonly RecordedSplit[], at: Date): Promise<void> {
    const rounded = split.map((site) => ({ ...site, share: Math.round(site.share * 1e7) / 1e7 }));
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE campaign_site cs SET share = s.share
           FROM unnest($2::uuid[], $3::numeric[]) AS s(site_id, share)
          WHERE cs.campaign_id = $1 AND cs.site_id = s.site_id`,
        [campaignId, rounded.map((site) => site.siteId), rounded.map((site) => site.share)],
      );
      await manager.query(`UPDATE campaign SET allocation_computed_at = $2 WHERE id = $1`, [campaignId, at]);
      const last: Array<{ site_id: string; share: string }> = await manager.query(
        `SELECT site_id, share FROM campaign_share_history
          WHERE campaign_id = $1 AND at = (SELECT max(at) FROM campaign_share_history WHERE campaign_id = $1)`,
        [campaignId],
      );
      const unchanged =
        last.length === rounded.length &&
        rounded.every((site) =>
          last.some((row) => row.site_id === site.siteId && Math.abs(Number(row.share) - site.share) < 1e-4),
        );
      if (unchanged) return;
      await manager.query(
        `INSERT INTO campaign_share_history (campaign_id, site_id, at, share, probability_best, reached, sales)
         SELECT $1, * FROM unnest($2::uuid[], $3::timestamptz[], $4::numeric[], $5::numeric[], $6::int[], $7::int[])
         ON CONFLICT DO NOTHING`,
        [
          campaignId,
          rounded.map((site) => site.siteId),
          rounded.map(() => at),
          rounded.map((site) => site.share),
          rounded.map((site) =>
            site.probabilityBest === null ? null : Math.round(site.probabilityBest * 1e7) / 1e7,
          ),
          rounded.map((site) => site.reached),
          rounded.map((site) => site.sales),
        ],
      );
    });
  }

  /** The recorded splits of a campaign, oldest first, for the given sites. */
  async history(campaignId: string, siteIds: readonly string[]): Promise<ShareHistoryPoint[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT at, site_id, share, probability_best, reached, sales FROM campaign_share_history
        WHERE campaign_id = $1 AND site_id = ANY($2) ORDER BY at, site_id`,
      [campaignId, [...siteIds]],
    );
    return rows.map((row) => ({
      at: row.at as Date,
      siteId: row.site_id as string,
      share: Number(row.share),
      probabilityBest: row.probability_best === null ? null : Number(row.probability_best),
      reached: Number(row.reached),
      sales: Number(row.sales),
    }));
  }

  /** A site joins a campaign (a new partner enters the test cell); a joining test cell reopens the test. */
  async addSite(
    campaignId: string,
    site: { siteId: string; costPerHour: number | null; floor: number; cap: number; testCell: boolean },
    at: Date,
  ): Promise<'added' | 'exists'> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO campaign_site (campaign_id, site_id, cost_per_hour, floor_share, cap_share, test_cell, share, assigned, joined_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, 0, $7) ON CONFLICT DO NOTHING RETURNING site_id`,
        [campaignId, site.siteId, site.costPerHour, site.floor, site.cap, site.testCell, at],
      );
      if (!inserted.length) return 'exists';
      if (site.testCell)
        await manager.query(
          `UPDATE campaign SET test_ended_at = NULL, test_winner_site_id = NULL WHERE id = $1`,
          [campaignId],
        );
      return 'added';
    });
  }

  /** Ends the test keeping `winnerSiteId`, unless it ended already (then false). */
  async endTest(campaignId: string, winnerSiteId: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH ended AS (UPDATE campaign SET test_ended_at = $3, test_winner_site_id = $2
                       WHERE id = $1 AND test_ended_at IS NULL RETURNING id)
       SELECT id FROM ended`,
      [campaignId, winnerSiteId, at],
    );
    return rows.length > 0;
  }

  /** Each running campaign's positive site shares. */
  async runningShares(): Promise<RunningShare[]> {
    const rows: Array<{ campaign_id: string; campaign_name: string; site_id: string; share: string }> =
      await this.dataSource.query(
        `SELECT cs.campaign_id, c.name AS campaign_name, cs.site_id, cs.share
           FROM campaign_site cs JOIN campaign c ON c.id = cs.campaign_id
          WHERE c.status = 'running' AND cs.share > 0`,
      );
    return rows.map((row) => ({
      campaignId: row.campaign_id,
      campaignName: row.campaign_name,
      siteId: row.site_id,
      share: Number(row.share),
    }));
  }

  /** Campaigns whose split matters now: scheduled, running or paused. */
  async liveCampaignIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM campaign WHERE status IN ('scheduled', 'running', 'paused') ORDER BY created_at`,
    );
    return rows.map((row) => row.id);
  }
}
