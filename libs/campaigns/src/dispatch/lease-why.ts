import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EmptyLeaseWhy, LeaseEmptyReason } from '#contracts';
import { callerNumberCalendars } from '../compliance/caller-number.js';
import {
  consumerFreeAtSql,
  consumerRuleSql,
  nextCallingTime,
  SqlParameters,
} from '../compliance/calling-rules.js';
import { type ConsumerCalendar, isConsumerCalendar } from '../compliance/consumer-regions.js';

export interface CampaignToExplain {
  id: string;
  caller_number: string;
  ends_at: Date | null;
}

/**
 * Says why a lease came back empty and when to ask again: each queued contact of the campaigns
 * under the first thing that keeps it from the lease (the rules' SQL the lease runs, the campaign's
 * caller number, another lease holding its consumer, the site's share), and the earliest moment one
 * of them may lawfully be called: when its consumer's own limits lift (`consumerFreeAtSql`, and the
 * end of another lease holding it), then its calendar's next calling time (`nextCallingTime`).
 */
@Injectable()
export class LeaseWhy {
  constructor(private readonly dataSource: DataSource) {}

  async explain(siteId: string, campaigns: CampaignToExplain[], now: Date): Promise<EmptyLeaseWhy> {
    const reasons: Partial<Record<LeaseEmptyReason, number>> = {};
    const add = (reason: LeaseEmptyReason, count: number) => {
      if (count) reasons[reason] = (reasons[reason] ?? 0) + count;
    };
    let next: Date | null = null;
    for (const campaign of campaigns) {
      const [quota]: Array<{ allowed: number; queued: number; suppressed: number }> =
        await this.dataSource.query(
          `SELECT ceil(cs.share * c.contact_count - 1e-9)::int - cs.assigned AS allowed,
                  (SELECT count(*) FROM contact_queue q WHERE q.campaign_id = c.id)::int AS queued,
                  (SELECT count(*) FROM contact t WHERE t.campaign_id = c.id AND t.status = 'suppressed')::int AS suppressed
             FROM campaign c JOIN campaign_site cs ON cs.campaign_id = c.id AND cs.site_id = $2
            WHERE c.id = $1`,
          [campaign.id, siteId],
        );
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
      const calendars = callerNumberCalendars(campaign.caller_number);
      for (const row of await this.reasons(campaign.id, calendars, now)) add(row.reason, row.contacts);
      const at = await this.nextLawfulAt(campaign.id, calendars, now);
      if (at && (!campaign.ends_at || at < campaign.ends_at) && (!next || at < next)) next = at;
    }
    return { campaigns: campaigns.length, reasons, nextLawfulAt: next?.toISOString() ?? null };
  }

  private reasons(
    campaignId: string,
    calendars: string[],
    now: Date,
  ): Promise<Array<{ reason: LeaseEmptyReason; contacts: number }>> {
    const params = new SqlParameters();
    const rules = consumerRuleSql(now, params, 'p');
    // a lawful, free contact that was not leased is held by a lease committing at this moment
    return this.dataSource.query(
      `SELECT coalesce(${rules.rule},
                CASE WHEN NOT p.calendar = ANY(${params.add(calendars)}::text[]) THEN 'caller_number' END,
                'held_by_another_lease') AS reason,
              count(*)::int AS contacts
         FROM contact_queue q JOIN consumer p ON p.phone = q.phone ${rules.join}
        WHERE q.campaign_id = ${params.add(campaignId)}
        GROUP BY 1`,
      params.values,
    );
  }

  /** The earliest moment one of the campaign's queued contacts may lawfully be called with its caller number, or null. */
  async nextLawfulAt(campaignId: string, calendars: string[], now: Date): Promise<Date | null> {
    const params = new SqlParameters();
    const freeAt = consumerFreeAtSql(now, params, 'p');
    const rows: Array<{ calendar: string; free_at: Date }> = await this.dataSource.query(
      `SELECT p.calendar, min(greatest(${freeAt}, p.leased_until)) AS free_at
         FROM contact_queue q JOIN consumer p ON p.phone = q.phone
        WHERE q.campaign_id = ${params.add(campaignId)} AND p.do_not_call_at IS NULL
          AND p.calendar = ANY(${params.add(calendars)}::text[])
        GROUP BY p.calendar`,
      params.values,
    );
    // nextCallingTime never decreases as its start moves later: the earliest free consumer of each calendar decides
    const times = rows
      .filter((row) => isConsumerCalendar(row.calendar))
      .map((row) => nextCallingTime(row.calendar as ConsumerCalendar, new Date(row.free_at)).getTime());
    return times.length ? new Date(Math.min(...times)) : null;
  }
}
