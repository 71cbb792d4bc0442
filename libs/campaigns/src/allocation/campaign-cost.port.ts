import type { CampaignSiteCost } from '#contracts';

/** A campaign's calls at one site in a window [from, to). */
export interface CampaignSiteWindow {
  campaignId: string;
  siteId: string;
  from: Date;
  to: Date;
}

/**
 * Port: what a campaign's calls at a site cost by the partner's contract, in euros. The billing
 * context (after campaigns in the context map) provides it; campaigns looks it up in the running
 * app and falls back, visibly, to its own estimate where billing is not loaded or cannot price it.
 */
export abstract class CampaignCostReader {
  abstract costOf(window: CampaignSiteWindow): Promise<CampaignSiteCost>;
}
