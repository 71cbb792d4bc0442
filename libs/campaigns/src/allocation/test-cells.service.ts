import { Injectable } from '@nestjs/common';
import { Clock, UNRESTRICTED } from '#core';
import { SitesService } from '#network';
import { CampaignsError } from '../domain/campaigns.error.js';
import { AllocationService } from './allocation.service.js';
import { AllocationStore } from './allocation.store.js';
import { VerdictService } from './verdict.service.js';

export interface JoiningSite {
  siteId: string;
  costPerHour?: number;
  floor?: number;
  cap?: number;
  testCell?: boolean;
}

const OPEN = ['draft', 'scheduled', 'running', 'paused'];

/**
 * A test's life after its launch: a new partner's site (or a product's) enters as a test cell with
 * its floor, and a manager ends the test keeping the winner (the audit interceptor records who did).
 */
@Injectable()
export class TestCellsService {
  constructor(
    private readonly store: AllocationStore,
    private readonly allocation: AllocationService,
    private readonly verdicts: VerdictService,
    private readonly sites: SitesService,
    private readonly clock: Clock,
  ) {}

  async join(campaignId: string, site: JoiningSite): Promise<void> {
    const campaign = await this.store.settings(campaignId);
    if (!campaign) throw CampaignsError.campaignNotFound(campaignId);
    if (!OPEN.includes(campaign.status))
      throw CampaignsError.testNotOpen(`Campaign ${campaignId} is ${campaign.status}: no site can join it.`, {
        status: campaign.status,
      });
    const floor = site.floor ?? 0;
    const cap = site.cap ?? 1;
    if (floor > cap)
      throw CampaignsError.invalidAllocation(`Site ${site.siteId}: floor exceeds cap.`, { field: 'floor' });
    const current = await this.store.sites(campaignId);
    if (current.some((row) => row.siteId === site.siteId))
      throw CampaignsError.siteAlreadyInCampaign(campaignId, site.siteId);
    if (current.reduce((sum, row) => sum + row.floor, floor) > 1 + 1e-9)
      throw CampaignsError.invalidAllocation('The floors of the sites would add up to more than 100%.', {
        field: 'floor',
      });
    const found = await this.sites.get(UNRESTRICTED, site.siteId).catch(() => null);
    if (!found || found.status === 'closed') throw CampaignsError.unknownSites([site.siteId]);
    const added = await this.store.addSite(
      campaignId,
      {
        siteId: site.siteId,
        costPerHour: site.costPerHour ?? null,
        floor,
        cap,
        testCell: site.testCell ?? campaign.allocationStrategy === 'test_and_learn',
      },
      this.clock.now(),
    );
    if (added === 'exists') throw CampaignsError.siteAlreadyInCampaign(campaignId, site.siteId);
    if (campaign.status !== 'draft') await this.allocation.recompute(campaignId);
  }

  /**
   * Ends the test and keeps `winnerSiteId` (by default the site the verdict found better): the
   * winner takes the test cell's volume up to its cap, the others keep their floors.
   */
  async end(campaignId: string, winnerSiteId?: string): Promise<string> {
    const campaign = await this.store.settings(campaignId);
    if (!campaign) throw CampaignsError.campaignNotFound(campaignId);
    if (campaign.allocationStrategy !== 'test_and_learn')
      throw CampaignsError.testNotOpen(
        `Campaign ${campaignId} runs no test (strategy ${campaign.allocationStrategy}).`,
      );
    if (campaign.testEndedAt)
      throw CampaignsError.testNotOpen(`The test of campaign ${campaignId} has already ended.`, {
        endedAt: campaign.testEndedAt.toISOString(),
        winnerSiteId: campaign.testWinnerSiteId,
      });
    const verdict = await this.verdicts.of(UNRESTRICTED, campaignId);
    const winner = winnerSiteId ?? (verdict.status === 'decided' ? verdict.leaderSiteId : null);
    if (!winner)
      throw CampaignsError.testNotOpen(
        `No site is better yet (${verdict.sentence}) Name the site to keep in winnerSiteId to end the test anyway.`,
        { status: verdict.status },
      );
    if (!verdict.sites.some((site) => site.siteId === winner && site.testCell))
      throw CampaignsError.invalidAllocation(
        `winnerSiteId ${winner} is not a site of the campaign's test cell.`,
        {
          field: 'winnerSiteId',
        },
      );
    if (!(await this.store.endTest(campaignId, winner, this.clock.now())))
      throw CampaignsError.testNotOpen(`The test of campaign ${campaignId} has already ended.`);
    if (OPEN.includes(campaign.status)) await this.allocation.recompute(campaignId);
    return winner;
  }
}
