import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CampaignProgress, ComplianceRule, SiteProgress } from '#contracts';
import { Clock, type SiteScope } from '#core';
import { REACHED_OUTCOMES } from '../allocation/allocation.store.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import type { ConsumerCalendar } from '../compliance/consumer-regions.js';
import { countedContactSql } from '../contacts/counted-contacts.js';
import { LeaseWhy } from '../dispatch/lease-why.js';
import { AttemptActivity } from './attempt-activity.js';

const rate = (sales: number, reached: number) => (reached ? sales / reached : null);

/**
 * A campaign's figures: contacts left, attempts, reached, sales, conversion per site, and why
 * contacts wait. A caller limited to some sites sees the campaign only if one of them works it,
 * with those sites' rows and the attempts totals over them (the contact pool stays whole).
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly activity: AttemptActivity,
    private readonly campaigns: CampaignsService,
    private readonly why: LeaseWhy,
  ) {}

  async of(scope: SiteScope, campaignId: string): Promise<CampaignProgress> {
    const { campaign, sites: visible } = await this.campaigns.get(scope, campaignId);
    const now = this.clock.now();
    // pending contacts are still to call: queued, or out on an open lease without an attempt yet
    const [contacts] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE ${countedContactSql('status')})::int AS total,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'done')::int AS done,
              count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed,
              (SELECT count(*) FROM contact_lease l JOIN contact_lease_item i ON i.lease_id = l.id
                 JOIN contact c ON c.id = i.contact_id AND c.status = 'pending'
                WHERE l.status = 'open' AND i.campaign_id = $1
                  AND NOT EXISTS (SELECT FROM contact_attempt a WHERE a.lease_id = i.lease_id AND a.contact_id = i.contact_id)
              )::int AS leased
         FROM contact WHERE campaign_id = $1`,
      [campaignId],
    );
    const sites: Array<{
      site_id: string;
      name: string;
      country: string;
      share: string;
      attempts: number;
      reached: number;
      sales: number;
    }> = await this.dataSource.query(
      `SELECT cs.site_id, s.name, s.country, cs.share,
                count(a.id)::int AS attempts,
                count(a.id) FILTER (WHERE a.outcome = ANY($2))::int AS reached,
                count(a.id) FILTER (WHERE a.outcome = 'sale')::int AS sales
           FROM campaign_site cs JOIN site s ON s.id = cs.site_id
           LEFT JOIN contact_attempt a ON a.campaign_id = cs.campaign_id AND a.site_id = cs.site_id
          WHERE cs.campaign_id = $1 AND cs.site_id = ANY($3)
          GROUP BY cs.site_id, s.name, s.country, cs.share
          ORDER BY s.name`,
      [campaignId, [...REACHED_OUTCOMES], visible.map((site) => site.siteId)],
    );
    const bySite: SiteProgress[] = sites.map((site) => ({
      siteId: site.site_id,
      siteName: site.name,
      country: site.country,
      attempts: site.attempts,
      reached: site.reached,
      sales: site.sales,
      conversion: rate(site.sales, site.reached),
      share: Number(site.share),
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
  async contactsLeftByCalendar(
    campaignId: string,
  ): Promise<Array<{ calendar: ConsumerCalendar; contacts: number }>> {
    const rows: Array<{ calendar: ConsumerCalendar; contacts: number }> = await this.dataSource.query(
      `SELECT p.calendar, count(*)::int AS contacts
         FROM contact t JOIN consumer p ON p.phone = t.phone
        WHERE t.campaign_id = $1 AND t.status = 'pending'
        GROUP BY p.calendar
        ORDER BY p.calendar`,
      [campaignId],
    );
    return rows;
  }

  /** Queued contacts stopped right now, by the first rule that stops each (suppressed ones as do_not_call). */
  private async refusals(
    campaignId: string,
    now: Date,
    suppressed: number,
  ): Promise<Partial<Record<ComplianceRule, number>>> {
    const refusals: Partial<Record<ComplianceRule, number>> = suppressed ? { do_not_call: suppressed } : {};
    for (const row of await this.activity.heldByRules([campaignId], now))
      refusals[row.rule] = (refusals[row.rule] ?? 0) + row.contacts;
    return refusals;
  }
}
