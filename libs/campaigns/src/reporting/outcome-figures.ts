import { Injectable } from '@nestjs/common';
import { ReportingStore, type SiteCampaignOutcomes } from './reporting.store.js';

/**
 * What the sites' calls produced in a window, for other contexts (billing's cost per outcome and
 * SLA): outcomes per site and campaign by call time, and compliance incidents per site by the time
 * of the call that broke the rules.
 */
@Injectable()
export class OutcomeFigures {
  constructor(private readonly store: ReportingStore) {}

  async bySiteAndCampaign(siteIds: string[], from: Date, to: Date): Promise<SiteCampaignOutcomes[]> {
    return siteIds.length ? this.store.outcomesBySiteAndCampaign(siteIds, from, to) : [];
  }

  /** Compliance incidents per site whose call was made in [from, to). */
  async incidentsBySite(siteIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
    return siteIds.length ? this.store.incidentsBySite(siteIds, from, to) : new Map();
  }
}
