import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import {
  type ComplianceAttemptRow,
  type ComplianceReport,
  INCIDENT_KINDS,
  type Page,
  toCsv,
} from '#contracts';
import { Clock } from '#core';
import { SiteDirectory } from '#network';
import { siteNames } from '../campaigns/site-names.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import { ComplianceAttemptsQuery, ComplianceReportQuery } from './compliance-report.dto.js';
import { type ReportFilter, REPORT_ZONE, ReportingStore } from './reporting.store.js';

/** A report covers at most this many days, so it stays an audit query and not a scan of all history. */
const MAX_DAYS = 366;
/** Attempts one CSV export may hold; narrow the filters beyond. */
export const MAX_CSV_ATTEMPTS = 100_000;

/**
 * The compliance report per partner, site, campaign and month: attempts, calls outside the
 * window by rule, late reports, refusals, calls after a withdrawal, caller numbers outside the
 * ARCEP ranges and incidents by kind, with the attempts behind every count.
 */
@Injectable()
export class ComplianceReportService {
  constructor(
    private readonly store: ReportingStore,
    private readonly directory: SiteDirectory,
    private readonly clock: Clock,
  ) {}

  async report(query: ComplianceReportQuery): Promise<ComplianceReport> {
    const { filter, from, to } = this.filterOf(query);
    const [stored, byRule, sites] = await Promise.all([
      this.store.summary(filter),
      this.store.byRule(filter),
      siteNames(this.directory),
    ]);
    const rows = stored
      .map((row) => ({ ...row, ...sites.of(row.siteId), country: sites.country(row.siteId) }))
      .sort(
        (a, b) =>
          a.month.localeCompare(b.month) ||
          a.partnerName.localeCompare(b.partnerName) ||
          a.siteName.localeCompare(b.siteName) ||
          a.campaignName.localeCompare(b.campaignName),
      );
    const incidents = rows.reduce(
      (sum, row) => sum + Object.values(row.incidents).reduce((kinds, count) => kinds + count, 0),
      0,
    );
    return {
      from,
      to,
      rows,
      byRule,
      totals: { attempts: rows.reduce((sum, row) => sum + row.attempts, 0), incidents },
    };
  }

  reportCsv(report: ComplianceReport): string {
    return toCsv(
      [
        'month',
        'partner',
        'site',
        'country',
        'campaign',
        'attempts',
        'outside_window',
        'late_reports',
        'refusals',
        'called_after_withdrawal',
        'caller_number_outside_arcep',
        ...INCIDENT_KINDS.map((kind) => `incidents_${kind}`),
        'partner_id',
        'site_id',
        'campaign_id',
      ],
      report.rows.map((row) => [
        row.month,
        row.partnerName,
        row.siteName,
        row.country,
        row.campaignName,
        row.attempts,
        row.outsideWindow,
        row.lateReports,
        row.refusals,
        row.calledAfterWithdrawal,
        row.callerNumberOutsideArcep,
        ...INCIDENT_KINDS.map((kind) => row.incidents[kind] ?? 0),
        row.partnerId,
        row.siteId,
        row.campaignId,
      ]),
    );
  }

  async attempts(query: ComplianceAttemptsQuery): Promise<Page<ComplianceAttemptRow>> {
    const { filter } = this.filterOf(query);
    const [page, sites] = await Promise.all([this.store.attempts(filter, query), siteNames(this.directory)]);
    const items = page.items.map((row) => ({ ...row, ...sites.of(row.siteId) }));
    return { ...page, items, limit: query.limit, offset: query.offset };
  }

  async attemptsCsv(query: ComplianceAttemptsQuery): Promise<string> {
    const { filter } = this.filterOf(query);
    const total = await this.store.count(filter);
    if (total > MAX_CSV_ATTEMPTS) throw CampaignsError.reportTooLarge(total, MAX_CSV_ATTEMPTS);
    const [stored, sites] = await Promise.all([
      this.store.attempts(filter, { limit: MAX_CSV_ATTEMPTS, offset: 0 }),
      siteNames(this.directory),
    ]);
    const items = stored.items.map((row) => ({ ...row, ...sites.of(row.siteId) }));
    return toCsv(
      [
        'attempted_at',
        'reported_at',
        'outcome',
        'rules',
        'incidents',
        'caller_number',
        'partner',
        'site',
        'country',
        'campaign',
        'attempt_id',
        'contact_id',
        'site_id',
        'campaign_id',
      ],
      items.map((row) => [
        row.attemptedAt,
        row.reportedAt,
        row.outcome,
        row.rules.join(' '),
        row.incidents.join(' '),
        row.callerNumber,
        row.partnerName,
        row.siteName,
        row.country,
        row.campaignName,
        row.attemptId,
        row.contactId,
        row.siteId,
        row.campaignId,
      ]),
    );
  }

  /** The filter of a query: its period as local dates in Paris (this month so far by default), both days included. */
  private filterOf(query: ComplianceReportQuery & { rule?: ReportFilter['rule'] }): {
    filter: ReportFilter;
    from: string;
    to: string;
  } {
    const today = DateTime.fromJSDate(this.clock.now(), { zone: REPORT_ZONE }).startOf('day');
    const from = query.from ? localDate(query.from, 'from') : today.startOf('month');
    const to = query.to ? localDate(query.to, 'to') : query.from ? from.endOf('month').startOf('day') : today;
    if (to < from) throw CampaignsError.invalidPeriod('to must be on or after from.', { field: 'to' });
    if (to.diff(from, 'days').days + 1 > MAX_DAYS)
      throw CampaignsError.invalidPeriod(`A report covers at most ${MAX_DAYS} days.`, { field: 'to' });
    return {
      from: from.toISODate()!,
      to: to.toISODate()!,
      filter: {
        since: from.toJSDate(),
        until: to.plus({ days: 1 }).toJSDate(),
        campaignId: query.campaignId,
        partnerId: query.partnerId,
        siteId: query.siteId,
        rule: query.rule,
      },
    };
  }
}

function localDate(value: string, field: string): DateTime {
  const date = DateTime.fromISO(value, { zone: REPORT_ZONE });
  if (!date.isValid || date.year < 2000 || date.year > 2100)
    throw CampaignsError.invalidPeriod(`${field} must be a real date YYYY-MM-DD between 2000 and 2100.`, {
      field,
    });
  return date.startOf('day');
}
