import { Injectable } from '@nestjs/common';
import type { EmptyLeaseWhy, LeaseEmptyReason } from '#contracts';
import { callerNumberCalendars } from '../compliance/caller-number.js';
import { contractInForce, nextCallingTime } from '../compliance/calling-rules.js';
import { isConsumerCalendar } from '../compliance/consumer-regions.js';
import { type DispatchCampaign, DispatchStore } from './dispatch.store.js';

/** What the empty-lease report and the next lawful moment need of a campaign. */
export type CampaignToExplain = Pick<DispatchCampaign, 'id' | 'callerNumber' | 'contractOffers' | 'endsAt'>;

/**
 * Says why a lease came back empty and when to ask again: each queued contact of the campaigns
 * under the first thing that keeps it from the lease (its lawful basis for the campaign, the
 * rules' SQL the lease runs, the campaign's caller number, another lease holding its consumer,
 * the site's share), and the earliest moment one of them may lawfully be called: when its
 * consumer's own limits lift (and another lease holding it ends), then its calendar's next
 * calling time (`nextCallingTime`), if its contract is still in force then.
 */
@Injectable()
export class LeaseWhy {
  constructor(private readonly store: DispatchStore) {}

  async explain(siteId: string, campaigns: CampaignToExplain[], now: Date): Promise<EmptyLeaseWhy> {
    const reasons: Partial<Record<LeaseEmptyReason, number>> = {};
    const add = (reason: LeaseEmptyReason, count: number) => {
      if (count) reasons[reason] = (reasons[reason] ?? 0) + count;
    };
    let next: Date | null = null;
    for (const campaign of campaigns) {
      const quota = await this.store.quota(campaign.id, siteId);
      if (!quota) continue;
      add('do_not_call', quota.suppressed);
      if (!quota.queued) {
        add('nothing_pending', 1);
        continue;
      }
      if (quota.allowed <= 0) {
        add('share_used_up', quota.queued);
        continue;
      }
      const calendars = callerNumberCalendars(campaign.callerNumber);
      // a lawful, free contact that was not leased is held by a lease committing at this moment
      for (const row of await this.store.heldContacts(campaign, calendars, now))
        add(row.reason ?? 'held_by_another_lease', row.contacts);
      const at = await this.nextLawfulAt(campaign, now);
      if (at && (!next || at < next)) next = at;
    }
    return { campaigns: campaigns.length, reasons, nextLawfulAt: next?.toISOString() ?? null };
  }

  /**
   * The campaign's contacts waiting, over all its sites, by the first thing keeping each from a
   * lease now (as an empty lease counts them; `suppressed` contacts as do_not_call). Contacts that
   * may be leased now are not counted.
   */
  async waiting(
    campaign: CampaignToExplain,
    now: Date,
    suppressed: number,
  ): Promise<Partial<Record<LeaseEmptyReason, number>>> {
    const waiting: Partial<Record<LeaseEmptyReason, number>> = suppressed ? { do_not_call: suppressed } : {};
    const rows = await this.store.heldContacts(campaign, callerNumberCalendars(campaign.callerNumber), now);
    for (const { reason, contacts } of rows) if (reason) waiting[reason] = (waiting[reason] ?? 0) + contacts;
    return waiting;
  }

  /**
   * The earliest moment one of the campaign's queued contacts may lawfully be called with its
   * caller number, before the campaign ends; null when none ever may.
   */
  async nextLawfulAt(campaign: CampaignToExplain, now: Date): Promise<Date | null> {
    const rows = await this.store.freeAt(campaign, callerNumberCalendars(campaign.callerNumber), now);
    // nextCallingTime never decreases as its start moves later: the earliest free consumer of each
    // calendar and contract end decides, and a contract that ends before then never will
    const times = rows.flatMap((row) => {
      if (!isConsumerCalendar(row.calendar)) return [];
      const at = nextCallingTime(row.calendar, new Date(row.free_at));
      return contractInForce(row.ends_on, row.calendar, at) ? [at.getTime()] : [];
    });
    const at = times.length ? new Date(Math.min(...times)) : null;
    return at && (!campaign.endsAt || at < campaign.endsAt) ? at : null;
  }
}
