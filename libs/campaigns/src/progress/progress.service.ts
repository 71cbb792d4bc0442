import { Injectable } from '@nestjs/common';
import type { CampaignProgress, ComplianceRule, SiteProgress } from '#contracts';
import { Clock, type SiteScope } from '#core';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import type { ConsumerCalendar } from '../compliance/consumer-regions.js';
import { LeaseWhy } from '../dispatch/lease-why.js';
import { ProgressStore } from './progress.store.js';

const rate = (sales: number, reached: number) => (reached ? sales / reached : null);

/**
 * A campaign's figures: contacts left, attempts, reached, sales, conversion per site, and why
 * contacts wait. A caller limited to some sites sees the campaign only if one of them works it,
 * with those sites' rows and the attempts totals over them (the contact pool stays whole).
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly store: ProgressStore,
    private readonly clock: Clock,
    private readonly campaigns: CampaignsService,
    private readonly why: LeaseWhy,
  ) {}

  async of(scope: SiteScope, campaignId: string): Promise<CampaignProgress> {
    const { campaign, sites: visible } = await this.campaigns.get(scope, campaignId);
    const now = this.clock.now();
    // pending contacts are still to call: queued, or out on an open lease without an attempt yet
    const contacts = await this.store.contactCounts(campaignId);
    const attempts = new Map(
      (
        await this.store.attemptsBySite(
          campaignId,
          visible.map((site) => site.siteId),
        )
      ).map((row) => [row.siteId, row]),
    );
    const bySite: SiteProgress[] = visible
      .flatMap((site) => {
        const row = attempts.get(site.siteId);
        return row && site.site ? [{ row, site: site.site }] : [];
      })
      .sort((a, b) => a.site.name.localeCompare(b.site.name))
      .map(({ row, site }) => ({
        siteId: row.siteId,
        siteName: site.name,
        country: site.country,
        attempts: row.attempts,
        reached: row.reached,
        sales: row.sales,
        conversion: rate(row.sales, row.reached),
        share: row.share,
      }));
    const totals = bySite.reduce(
      (sum, site) => ({
        attempts: sum.attempts + site.attempts,
        reached: sum.reached + site.reached,
        sales: sum.sales + site.sales,
      }),
      { attempts: 0, reached: 0, sales: 0 },
    );
    return {
      campaignId,
      status: campaign.status,
      contacts: contacts.total,
      contactsLeft: contacts.pending,
      leased: contacts.leased,
      done: contacts.done,
      suppressed: contacts.suppressed,
      ...totals,
      conversion: rate(totals.sales, totals.reached),
      bySite,
      complianceRefusals: await this.refusals(campaignId, now, contacts.suppressed),
      waiting: await this.why.waiting(campaign, now, contacts.suppressed),
      nextLawfulAt: (await this.why.nextLawfulAt(campaign, now))?.toISOString() ?? null,
      at: now.toISOString(),
    };
  }

  /** Contacts left (pending, as `contactsLeft` counts them) by their consumer's calendar (planning's calling windows). */
  contactsLeftByCalendar(
    campaignId: string,
  ): Promise<Array<{ calendar: ConsumerCalendar; contacts: number }>> {
    return this.store.contactsLeftByCalendar(campaignId);
  }

  /** Queued contacts stopped right now, by the first rule that stops each (suppressed ones as do_not_call). */
  private async refusals(
    campaignId: string,
    now: Date,
    suppressed: number,
  ): Promise<Partial<Record<ComplianceRule, number>>> {
    const refusals: Partial<Record<ComplianceRule, number>> = suppressed ? { do_not_call: suppressed } : {};
    for (const row of await this.store.heldByRules([campaignId], now))
      refusals[row.rule] = (refusals[row.rule] ?? 0) + row.contacts;
    return refusals;
  }
}
