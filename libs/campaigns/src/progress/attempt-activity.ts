import { Injectable } from '@nestjs/common';
import { CampaignsStore } from '../campaigns/campaigns.store.js';
import {
  type AttemptInterval,
  type AttemptMinute,
  type HeldContacts,
  ProgressStore,
} from './progress.store.js';

/**
 * Public reads of the calls made and held back, for the supervisor's wall (libs/wallboard): the
 * attempts by site, campaign and minute of call over time ranges, the queued contacts of running
 * campaigns that the rules stop now, and which sites work which running campaigns.
 */
@Injectable()
export class AttemptActivity {
  constructor(
    private readonly store: ProgressStore,
    private readonly campaigns: CampaignsStore,
  ) {}

  attemptsByMinute(ranges: Array<[Date, Date]>): Promise<AttemptMinute[]> {
    return this.store.attemptsByMinute(ranges);
  }

  /** Attempts of these campaigns by 30-minute interval of call time in [from, to) (planning's handle times). */
  attemptsByInterval(campaignIds: string[], from: Date, to: Date): Promise<AttemptInterval[]> {
    return this.store.attemptsByInterval(campaignIds, from, to);
  }

  runningCampaignSites(): Promise<Array<{ campaignId: string; siteId: string }>> {
    return this.campaigns.runningCampaignSites();
  }

  /** Queued contacts of these campaigns stopped at `now`, by the first rule that stops each. */
  heldByRules(campaignIds: string[], now: Date): Promise<HeldContacts[]> {
    return this.store.heldByRules(campaignIds, now);
  }
}
