import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type CallOutcome,
  type ComplianceAttemptRow,
  type ComplianceReportRow,
  type IncidentKind,
  REPORT_RULES,
  type ReportRule,
} from '#contracts';
import { REACHED_OUTCOMES } from '../allocation/allocation.store.js';
import { SqlParameters } from '../compliance/calling-rules.js';

/** The insurer's clock: months of the report are months in Paris. */
export const REPORT_ZONE = 'Europe/Paris';

/**
 * Each rule the report counts, as the condition on an attempt (alias `a`) that makes it count.
 * The summary counts and the attempts listing use these same conditions, so every figure of the
 * report is the number of attempts the listing gives for that rule and those filters.
 */
const RULE_SQL: Record<ReportRule, string> = {
  outside_calling_hours: `a.outside_window = 'outside_calling_hours'`,
  weekend: `a.outside_window = 'weekend'`,
  public_holiday: `a.outside_window = 'public_holiday'`,
  late_report: `a.late`,
  called_after_withdrawal: `a.withdrawn`,
  caller_number: `a.caller_number_lawful = false`,
  refusal: `a.outcome IN ('refused', 'do_not_call')`,
};

/** What narrows a report: a period of attempt times [since, until), and optionally one campaign, partner or site. */
export interface ReportFilter {
  since: Date;
  until: Date;
  campaignId?: string;
  partnerId?: string;
  siteId?: string;
  /** attempts counted under this rule only; `flagged`: under any rule but a refusal, or with an incident */
  rule?: ReportRule | 'flagged';
}

type RuleCounts = { [K in ReportRule as `rule_${K}`]: number };

interface SummaryRow extends RuleCounts {
  month: string;
  partner_id: string;
  site_id: string;
  campaign_id: string;
  campaign_name: string;
  attempts: number;
  outside_window: number;
}

const GROUP = `to_char(a.attempted_at AT TIME ZONE '${REPORT_ZONE}', 'YYYY-MM'), a.partner_id, a.site_id, a.campaign_id`;

/** A summary row as stored: the network names its partner and site, and says the site's country. */
export type StoredReportRow = Omit<ComplianceReportRow, 'partnerName' | 'siteName' | 'country'>;
/** An attempt as stored: the network names its partner and site. */
export type StoredAttemptRow = Omit<ComplianceAttemptRow, 'partnerName' | 'siteName'>;

/** Attempts, reached contacts and sales of one campaign at one site in a window. */
export interface SiteCampaignOutcomes {
  siteId: string;
  campaignId: string;
  campaignName: string;
  attempts: number;
  reached: number;
  sales: number;
}

/**
 * What the calls made add up to: the compliance report (attempts and incidents by month, partner,
 * site and campaign, and the attempts behind each count) and the outcome figures billing reads.
 */
@Injectable()
export class ReportingStore {
  constructor(private readonly dataSource: DataSource) {}

  private where(filter: ReportFilter, params: SqlParameters): string {
    const conditions = [
      `a.attempted_at >= ${params.add(filter.since)}`,
      `a.attempted_at < ${params.add(filter.until)}`,
    ];
    if (filter.campaignId) conditions.push(`a.campaign_id = ${params.add(filter.campaignId)}`);
    if (filter.partnerId) conditions.push(`a.partner_id = ${params.add(filter.partnerId)}`);
    if (filter.siteId) conditions.push(`a.site_id = ${params.add(filter.siteId)}`);
    if (filter.rule === 'flagged')
      conditions.push(
        `(${REPORT_RULES.filter((rule) => rule !== 'refusal')
          .map((rule) => RULE_SQL[rule])
          .join(' OR ')} OR EXISTS (SELECT FROM compliance_incident i WHERE i.attempt_id = a.id))`,
      );
    else if (filter.rule) conditions.push(RULE_SQL[filter.rule]);
    return conditions.join(' AND ');
  }

  /** One row per month, partner, site and campaign with attempts in the period, by month and campaign name. */
  async summary(filter: ReportFilter): Promise<StoredReportRow[]> {
    const params = new SqlParameters();
    const where = this.where(filter, params);
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT g.*, c.name AS campaign_name
         FROM (SELECT to_char(a.attempted_at AT TIME ZONE '${REPORT_ZONE}', 'YYYY-MM') AS month,
                      a.partner_id, a.site_id, a.campaign_id,
                      count(*)::int AS attempts,
                      count(*) FILTER (WHERE a.outside_window IS NOT NULL)::int AS outside_window,
                      ${REPORT_RULES.map((rule) => `count(*) FILTER (WHERE ${RULE_SQL[rule]})::int AS rule_${rule}`).join(',\n                      ')}
                 FROM contact_attempt a WHERE ${where}
                GROUP BY ${GROUP}) g
         JOIN campaign c ON c.id = g.campaign_id
        ORDER BY g.month, c.name`,
      params.values,
    );
    const incidents = await this.incidents(filter);
    return rows.map((row) => ({
      month: row.month,
      partnerId: row.partner_id,
      siteId: row.site_id,
      campaignId: row.campaign_id,
      campaignName: row.campaign_name,
      attempts: row.attempts,
      outsideWindow: row.outside_window,
      lateReports: row.rule_late_report,
      refusals: row.rule_refusal,
      calledAfterWithdrawal: row.rule_called_after_withdrawal,
      callerNumberOutsideArcep: row.rule_caller_number,
      incidents: incidents.get(`${row.month}|${row.partner_id}|${row.site_id}|${row.campaign_id}`) ?? {},
    }));
  }

  /** Incidents of the period's attempts by kind, keyed like the summary rows. */
  private async incidents(filter: ReportFilter): Promise<Map<string, Partial<Record<IncidentKind, number>>>> {
    const params = new SqlParameters();
    const where = this.where(filter, params);
    const rows: Array<{ key: string; kind: IncidentKind; incidents: number }> = await this.dataSource.query(
      `SELECT concat_ws('|', to_char(a.attempted_at AT TIME ZONE '${REPORT_ZONE}', 'YYYY-MM'), a.partner_id, a.site_id, a.campaign_id) AS key,
              i.kind, count(*)::int AS incidents
         FROM compliance_incident i JOIN contact_attempt a ON a.id = i.attempt_id
        WHERE ${where}
        GROUP BY 1, 2`,
      params.values,
    );
    const byKey = new Map<string, Partial<Record<IncidentKind, number>>>();
    for (const row of rows) byKey.set(row.key, { ...byKey.get(row.key), [row.kind]: row.incidents });
    return byKey;
  }

  /** The attempts behind the counts, oldest first, with every rule each counts under and its incidents. */
  async attempts(
    filter: ReportFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: StoredAttemptRow[]; total: number }> {
    const params = new SqlParameters();
    const where = this.where(filter, params);
    const rows: Array<
      { [K in ReportRule as `rule_${K}`]: boolean } & {
        id: string;
        contact_id: string;
        attempted_at: Date;
        reported_at: Date;
        campaign_id: string;
        campaign_name: string;
        site_id: string;
        site_country: string;
        outcome: CallOutcome;
        caller_number: string | null;
        incidents: IncidentKind[] | null;
        total: number;
      }
    > = await this.dataSource.query(
      `SELECT a.id, a.contact_id, a.attempted_at, a.reported_at, a.campaign_id, c.name AS campaign_name,
              a.site_id, a.site_country, a.outcome, a.caller_number,
              ${REPORT_RULES.map((rule) => `coalesce(${RULE_SQL[rule]}, false) AS rule_${rule}`).join(', ')},
              (SELECT array_agg(i.kind ORDER BY i.kind) FROM compliance_incident i WHERE i.attempt_id = a.id) AS incidents,
              count(*) OVER ()::int AS total
         FROM contact_attempt a JOIN campaign c ON c.id = a.campaign_id
        WHERE ${where}
        ORDER BY a.attempted_at, a.id
        LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
      params.values,
    );
    const total = rows[0]?.total ?? (page.offset ? await this.count(filter) : 0);
    return {
      total,
      items: rows.map((row) => ({
        attemptId: row.id,
        contactId: row.contact_id,
        attemptedAt: row.attempted_at.toISOString(),
        reportedAt: row.reported_at.toISOString(),
        campaignId: row.campaign_id,
        campaignName: row.campaign_name,
        siteId: row.site_id,
        country: row.site_country,
        outcome: row.outcome,
        rules: REPORT_RULES.filter((rule) => row[`rule_${rule}`]),
        incidents: row.incidents ?? [],
        callerNumber: row.caller_number,
      })),
    };
  }

  /** Attempts of the filter under each rule. */
  async byRule(filter: ReportFilter): Promise<Record<ReportRule, number>> {
    const params = new SqlParameters();
    const where = this.where(filter, params);
    const [counts] = await this.dataSource.query(
      `SELECT ${REPORT_RULES.map((rule) => `count(*) FILTER (WHERE ${RULE_SQL[rule]})::int AS ${rule}`).join(', ')}
         FROM contact_attempt a WHERE ${where}`,
      params.values,
    );
    return counts;
  }

  async count(filter: ReportFilter): Promise<number> {
    const params = new SqlParameters();
    const where = this.where(filter, params);
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM contact_attempt a WHERE ${where}`,
      params.values,
    );
    return total;
  }

  /** Attempts, reached contacts and sales per site and campaign, of calls made in [from, to). */
  async outcomesBySiteAndCampaign(
    siteIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<SiteCampaignOutcomes[]> {
    const rows: Array<{
      site_id: string;
      campaign_id: string;
      name: string;
      attempts: number;
      reached: number;
      sales: number;
    }> = await this.dataSource.query(
      `SELECT a.site_id, a.campaign_id, c.name, count(*)::int AS attempts,
              count(*) FILTER (WHERE a.outcome = ANY($4))::int AS reached,
              count(*) FILTER (WHERE a.outcome = 'sale')::int AS sales
         FROM contact_attempt a JOIN campaign c ON c.id = a.campaign_id
        WHERE a.site_id = ANY($1::uuid[]) AND a.attempted_at >= $2 AND a.attempted_at < $3
        GROUP BY a.site_id, a.campaign_id, c.name
        ORDER BY c.name, a.campaign_id`,
      [[...siteIds], from, to, [...REACHED_OUTCOMES]],
    );
    return rows.map((row) => ({
      siteId: row.site_id,
      campaignId: row.campaign_id,
      campaignName: row.name,
      attempts: row.attempts,
      reached: row.reached,
      sales: row.sales,
    }));
  }

  /** Compliance incidents per site whose call was made in [from, to). */
  async incidentsBySite(siteIds: readonly string[], from: Date, to: Date): Promise<Map<string, number>> {
    const rows: Array<{ site_id: string; incidents: number }> = await this.dataSource.query(
      `SELECT site_id, count(*)::int AS incidents FROM compliance_incident
        WHERE site_id = ANY($1::uuid[]) AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY site_id`,
      [[...siteIds], from, to],
    );
    return new Map(rows.map((row) => [row.site_id, row.incidents]));
  }
}
