import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ComplianceRule } from '#contracts';
import { REACHED_OUTCOMES } from '../allocation/allocation.store.js';
import { consumerRuleSql, SqlParameters } from '../compliance/calling-rules.js';

/** Attempts of one site and campaign in one minute (by call time). */
export interface AttemptMinute {
  siteId: string;
  partnerId: string;
  campaignId: string;
  /** epoch ms of the minute */
  minute: number;
  attempts: number;
  reached: number;
  sales: number;
}

/** Attempts of one campaign, all sites together, in one 30-minute interval (UTC half-hours) by call time. */
export interface AttemptInterval {
  campaignId: string;
  /** epoch ms of the interval start */
  start: number;
  attempts: number;
  /** attempts that reached someone (reached, sale, refused, callback, do_not_call) */
  reached: number;
}

/** Queued contacts of a campaign that one rule stops right now. */
export interface HeldContacts {
  campaignId: string;
  rule: ComplianceRule;
  contacts: number;
}

/**
 * Public reads of the calls made and held back, for the supervisor's wall (libs/wallboard): the
 * attempts by site, campaign and minute of call over time ranges, the queued contacts of running
 * campaigns that the rules stop now, and which sites work which running campaigns.
 */
@Injectable()
export class AttemptActivity {
  constructor(private readonly dataSource: DataSource) {}

  async attemptsByMinute(ranges: Array<[Date, Date]>): Promise<AttemptMinute[]> {
    if (!ranges.length) return [];
    const rows: Array<Record<string, string | number | Date>> = await this.dataSource.query(
      `SELECT a.site_id, a.partner_id, a.campaign_id, date_trunc('minute', a.attempted_at) AS minute,
              count(*)::int AS attempts,
              count(*) FILTER (WHERE a.outcome = ANY($3))::int AS reached,
              count(*) FILTER (WHERE a.outcome = 'sale')::int AS sales
         FROM contact_attempt a
         JOIN unnest($1::timestamptz[], $2::timestamptz[]) AS r(f, t)
           ON a.attempted_at >= r.f AND a.attempted_at < r.t
        GROUP BY 1, 2, 3, 4`,
      [ranges.map(([from]) => from), ranges.map(([, to]) => to), [...REACHED_OUTCOMES]],
    );
    return rows.map((row) => ({
      siteId: row.site_id as string,
      partnerId: row.partner_id as string,
      campaignId: row.campaign_id as string,
      minute: new Date(row.minute as Date).getTime(),
      attempts: Number(row.attempts),
      reached: Number(row.reached),
      sales: Number(row.sales),
    }));
  }

  /** Attempts of these campaigns by 30-minute interval of call time in [from, to) (planning's handle times). */
  async attemptsByInterval(campaignIds: string[], from: Date, to: Date): Promise<AttemptInterval[]> {
    if (!campaignIds.length) return [];
    const rows: Array<{ campaign_id: string; start: Date; attempts: number; reached: number }> =
      await this.dataSource.query(
        `SELECT campaign_id, to_timestamp(floor(extract(epoch FROM attempted_at) / 1800) * 1800) AS start,
                count(*)::int AS attempts, count(*) FILTER (WHERE outcome = ANY($4))::int AS reached
           FROM contact_attempt
          WHERE campaign_id = ANY($1::uuid[]) AND attempted_at >= $2 AND attempted_at < $3
          GROUP BY 1, 2
          ORDER BY 1, 2`,
        [campaignIds, from, to, [...REACHED_OUTCOMES]],
      );
    return rows.map((row) => ({
      campaignId: row.campaign_id,
      start: new Date(row.start).getTime(),
      attempts: row.attempts,
      reached: row.reached,
    }));
  }

  /** Running campaigns and the sites that work them. */
  async runningCampaignSites(): Promise<Array<{ campaignId: string; siteId: string }>> {
    const rows: Array<{ campaign_id: string; site_id: string }> = await this.dataSource.query(
      `SELECT cs.campaign_id, cs.site_id FROM campaign_site cs JOIN campaign c ON c.id = cs.campaign_id
        WHERE c.status = 'running'`,
    );
    return rows.map((row) => ({ campaignId: row.campaign_id, siteId: row.site_id }));
  }

  /** Queued contacts of these campaigns stopped at `now`, by the first rule that stops each. */
  async heldByRules(campaignIds: string[], now: Date): Promise<HeldContacts[]> {
    if (!campaignIds.length) return [];
    const params = new SqlParameters();
    const rules = consumerRuleSql(now, params, 'p');
    const rows: Array<{ campaign_id: string; rule: ComplianceRule | null; contacts: number }> =
      await this.dataSource.query(
        `SELECT q.campaign_id, ${rules.rule} AS rule, count(*)::int AS contacts
           FROM contact_queue q JOIN consumer p ON p.phone = q.phone ${rules.join}
          WHERE q.campaign_id = ANY(${params.add(campaignIds)}::uuid[])
          GROUP BY 1, 2`,
        params.values,
      );
    return rows
      .filter((row) => row.rule !== null)
      .map((row) => ({ campaignId: row.campaign_id, rule: row.rule!, contacts: row.contacts }));
  }
}
