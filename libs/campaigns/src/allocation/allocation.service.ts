import { Injectable } from '@nestjs/common';
import { Clock } from '#core';
import { SiteDirectory } from '#network';
import { StaffedCapacity } from '#staffing';
import { CampaignsError } from '../domain/campaigns.error.js';
import { allocate, type SiteAllocationInput, testAndLearnSplit } from './allocation-strategies.js';
import { type AllocationSiteRow, AllocationStore, type RunningShare } from './allocation.store.js';
import { SiteHours } from './site-hours.js';

/**
 * Recomputes how a campaign's volume is split between its sites, with the campaign's strategy,
 * from staffed capacity (the site's latest staffing report, else its installed seats), costs
 * (billing's in euros, or the estimate said so) and conversions so far; writes the shares the lease
 * quotas follow and keeps each new split in the share history.
 */
@Injectable()
export class AllocationService {
  constructor(
    private readonly store: AllocationStore,
    private readonly hours: SiteHours,
    private readonly capacity: StaffedCapacity,
    private readonly directory: SiteDirectory,
    private readonly clock: Clock,
  ) {}

  async recompute(campaignId: string): Promise<Map<string, number>> {
    const campaign = await this.store.settings(campaignId);
    if (!campaign) throw CampaignsError.campaignNotFound(campaignId);
    const rows = await this.sitesOf(campaignId);
    const staffed = await this.capacity.latestStaffedSeats(rows.map((row) => row.siteId));
    const costs =
      campaign.allocationStrategy === 'test_and_learn' && campaign.testObjective === 'sales_per_euro'
        ? await this.hours.costsOf(
            campaignId,
            rows.filter((row) => row.testCell),
          )
        : new Map<string, { cost: number | null }>();
    const inputs: SiteAllocationInput[] = rows.map((row) => ({
      siteId: row.siteId,
      capacity: staffed.get(row.siteId) ?? row.installedSeats,
      costPerHour: row.costPerHour,
      floor: row.floor,
      cap: row.cap,
      testCell: row.testCell,
      attempts: row.reached,
      sales: row.sales,
      spent: costs.get(row.siteId)?.cost ?? null,
    }));
    const options = {
      minReached: campaign.testMinReached,
      confidence: campaign.testConfidence,
      objective: campaign.testObjective,
      winnerSiteId: campaign.testEndedAt ? campaign.testWinnerSiteId : null,
    };
    const { shares, probabilityBest } =
      campaign.allocationStrategy === 'test_and_learn'
        ? testAndLearnSplit(inputs, options)
        : { shares: allocate(campaign.allocationStrategy, inputs), probabilityBest: new Map() };
    await this.store.writeSplit(
      campaignId,
      rows.map((row) => ({
        siteId: row.siteId,
        share: shares.get(row.siteId) ?? 0,
        probabilityBest: probabilityBest.get(row.siteId) ?? null,
        reached: row.reached,
        sales: row.sales,
      })),
      this.clock.now(),
    );
    return shares;
  }

  /** The campaign's sites with the network's facts (name, partner, installed seats), in the order they joined. */
  async sitesOf(campaignId: string): Promise<AllocationSiteRow[]> {
    const rows = await this.store.sites(campaignId);
    const sites = new Map(
      (await this.directory.sitesByIds(rows.map((row) => row.siteId))).map((site) => [site.id, site]),
    );
    return rows
      .flatMap((row) => {
        const site = sites.get(row.siteId);
        return site
          ? [{ ...row, siteName: site.name, partnerId: site.partnerId, installedSeats: site.installedSeats }]
          : [];
      })
      .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.siteName.localeCompare(b.siteName));
  }

  /** Campaigns whose split matters now: scheduled, running or paused. */
  /** Each running campaign's positive site shares: what live checks staffed seats against. */
  runningShares(): Promise<RunningShare[]> {
    return this.store.runningShares();
  }

  liveCampaignIds(): Promise<string[]> {
    return this.store.liveCampaignIds();
  }
}
