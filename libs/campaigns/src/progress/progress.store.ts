import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallOutcome, ComplianceRule } from '#contracts';
import { REACHED_OUTCOMES } from '../allocation/allocation.store.js';
import { consumerRuleSql, SqlParameters } from '../compliance/calling-rules.js';
import type { ConsumerCalendar } from '../compliance/consumer-regions.js';
import { countedContactSql } from '../contacts/counted-contacts.js';

/** A campaign's contacts by where they stand. */
export interface ContactCounts {
  /** the campaign's contacts (`countedContactSql`) */
  total: number;
  pending: number;
  done: number;
  suppressed: number;
  /** pending contacts out on an open lease without an attempt yet */
  leased: number;
}

/** Attempts of a campaign at one of its sites, and the site's current share. */
export interface SiteAttempts {
  siteId: string;
  share: number;
  attempts: number;
  reached: number;
  sales: number;
}

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

/** Which attempts a transparency page lists: one campaign's (at some sites), or one consumer's. */
export type AttemptFilter = { campaignId: string; siteIds?: readonly string[] } | { phone: string };

/** One attempt as the transparency report shows it. */
export interface CalledFrom {
  contactId: string;
  phone: string;
  attemptedAt: Date;
  outcome: CallOutcome;
  siteId: string;
  partnerId: string;
  country: string;
}

/** The reads of campaigns' contacts and attempts behind progress, the wall's activity and transparency. */
@Injectable()
export class ProgressStore {
  constructor(private readonly dataSource: DataSource) {}

  async contactCounts(campaignId: string): Promise<ContactCounts> {
    const [counts]: ContactCounts[] = await this.dataSource.query(
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
    return counts;
  }

  /** Attempts, reached contacts and sales of the campaign at each of these sites it works. */
  async attemptsBySite(campaignId: string, siteIds: readonly string[]): Promise<SiteAttempts[]> {
    const rows: Array<{ site_id: string; share: string; attempts: number; reached: number; sales: number }> =
      await this.dataSource.query(
        `SELECT cs.site_id, cs.share,
                count(a.id)::int AS attempts,
                count(a.id) FILTER (WHERE a.outcome = ANY($2))::int AS reached,
                count(a.id) FILTER (WHERE a.outcome = 'sale')::int AS sales
           FROM campaign_site cs
           LEFT JOIN contact_attempt a ON a.campaign_id = cs.campaign_id AND a.site_id = cs.site_id
          WHERE cs.campaign_id = $1 AND cs.site_id = ANY($3)
          GROUP BY cs.site_id, cs.share`,
        [campaignId, [...REACHED_OUTCOMES], [...siteIds]],
      );
    return rows.map((row) => ({
      siteId: row.site_id,
      share: Number(row.share),
      attempts: row.attempts,
      reached: row.reached,
      sales: row.sales,
    }));
  }

  /** Attempts by site, campaign and minute of call within the ranges [from, to). */
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

  /** Attempts of these campaigns by 30-minute interval of call time in [from, to). */
  async attemptsByInterval(campaignIds: readonly string[], from: Date, to: Date): Promise<AttemptInterval[]> {
    if (!campaignIds.length) return [];
    const rows: Array<{ campaign_id: string; start: Date; attempts: number; reached: number }> =
      await this.dataSource.query(
        `SELECT campaign_id, to_timestamp(floor(extract(epoch FROM attempted_at) / 1800) * 1800) AS start,
                count(*)::int AS attempts, count(*) FILTER (WHERE outcome = ANY($4))::int AS reached
           FROM contact_attempt
          WHERE campaign_id = ANY($1::uuid[]) AND attempted_at >= $2 AND attempted_at < $3
          GROUP BY 1, 2
          ORDER BY 1, 2`,
        [[...campaignIds], from, to, [...REACHED_OUTCOMES]],
      );
    return rows.map((row) => ({
      campaignId: row.campaign_id,
      start: new Date(row.start).getTime(),
      attempts: row.attempts,
      reached: row.reached,
    }));
  }

  /** Contacts left (pending) of a campaign by their consumer's calendar. */
  contactsLeftByCalendar(
    campaignId: string,
  ): Promise<Array<{ calendar: ConsumerCalendar; contacts: number }>> {
    return this.dataSource.query(
      `SELECT p.calendar, count(*)::int AS contacts
         FROM contact t JOIN consumer p ON p.phone = t.phone
        WHERE t.campaign_id = $1 AND t.status = 'pending'
        GROUP BY p.calendar
        ORDER BY p.calendar`,
      [campaignId],
    );
  }

  /** Queued contacts of these campaigns stopped at `now`, by the first rule that stops each (`consumerRuleSql`). */
  async heldByRules(campaignIds: readonly string[], now: Date): Promise<HeldContacts[]> {
    if (!campaignIds.length) return [];
    const params = new SqlParameters();
    const rules = consumerRuleSql(now, params, 'p');
    const rows: Array<{ campaign_id: string; rule: ComplianceRule | null; contacts: number }> =
      await this.dataSource.query(
        `SELECT q.campaign_id, ${rules.rule} AS rule, count(*)::int AS contacts
           FROM contact_queue q JOIN consumer p ON p.phone = q.phone ${rules.join}
          WHERE q.campaign_id = ANY(${params.add([...campaignIds])}::uuid[])
          GROUP BY 1, 2`,
        params.values,
      );
    return rows
      .filter((row) => row.rule !== null)
      .map((row) => ({ campaignId: row.campaign_id, rule: row.rule!, contacts: row.contacts }));
  }

  /** One page of the attempts matching the filter, newest first, and all of them counted by the calling site's country. */
  async attempts(
    filter: AttemptFilter,
    page: { limit: number; offset: number },
  ): Promise<{ rows: CalledFrom[]; byCountry: Record<string, number> }> {
    const params = new SqlParameters();
    const where =
      'phone' in filter
        ? `a.phone = ${params.add(filter.phone)}`
        : `a.campaign_id = ${params.add(filter.campaignId)}` +
          (filter.siteIds ? ` AND a.site_id = ANY(${params.add([...filter.siteIds])}::uuid[])` : '');
    const countries: Array<{ site_country: string; attempts: number }> = await this.dataSource.query(
      `SELECT a.site_country, count(*)::int AS attempts FROM contact_attempt a WHERE ${where} GROUP BY 1`,
      [...params.values],
    );
    const rows: Array<{
      contact_id: string;
      phone: string;
      attempted_at: Date;
      outcome: CallOutcome;
      site_id: string;
      partner_id: string;
      site_country: string;
    }> = await this.dataSource.query(
      `SELECT a.contact_id, a.phone, a.attempted_at, a.outcome, a.site_id, a.partner_id, a.site_country
         FROM contact_attempt a
        WHERE ${where} ORDER BY a.attempted_at DESC, a.id LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
      params.values,
    );
    return {
      rows: rows.map((row) => ({
        contactId: row.contact_id,
        phone: row.phone,
        attemptedAt: row.attempted_at,
        outcome: row.outcome,
        siteId: row.site_id,
        partnerId: row.partner_id,
        country: row.site_country,
      })),
      byCountry: Object.fromEntries(countries.map((row) => [row.site_country, row.attempts])),
    };
  }
}
