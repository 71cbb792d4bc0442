import { Injectable, Module } from '@nestjs/common';
import { CampaignsStore } from './campaigns.store.js';

const FRESH_MS = 30_000;
const RELOAD_ON_MISS_AFTER_MS = 1_000;

/**
 * Which campaigns each site works, for contexts above campaigns that must check a campaign id a
 * partner sends (live's seat events). Kept per site for a few seconds; a campaign missing from a
 * site's entry triggers one reload before it is called unknown, so a site that just joined a
 * campaign is recognised at once.
 */
@Injectable()
export class CampaignSites {
  private readonly bySite = new Map<string, { campaigns: Set<string>; loadedAt: number }>();

  constructor(private readonly store: CampaignsStore) {}

  /** The ids among `campaignIds` that name no campaign the site works (unknown ones included). */
  async notWorkedBy(siteId: string, campaignIds: string[]): Promise<Set<string>> {
    if (!campaignIds.length) return new Set();
    let entry = this.bySite.get(siteId);
    if (!entry || Date.now() - entry.loadedAt > FRESH_MS) entry = await this.load(siteId);
    let missing = campaignIds.filter((id) => !entry!.campaigns.has(id));
    if (missing.length && Date.now() - entry.loadedAt > RELOAD_ON_MISS_AFTER_MS) {
      entry = await this.load(siteId);
      missing = missing.filter((id) => !entry!.campaigns.has(id));
    }
    return new Set(missing);
  }

  /** The sites that work the campaign now (a share of its contacts above zero). */
  async sitesWorking(campaignId: string): Promise<Set<string>> {
    return new Set(await this.store.sitesSharing(campaignId));
  }

  private async load(siteId: string) {
    const entry = { campaigns: new Set(await this.store.campaignIdsOfSite(siteId)), loadedAt: Date.now() };
    this.bySite.set(siteId, entry);
    return entry;
  }
}

/** The campaign-site reader alone (no jobs, no routes), for the contexts that check campaign ids. */
@Module({ providers: [CampaignsStore, CampaignSites], exports: [CampaignSites] })
export class CampaignSitesModule {}
