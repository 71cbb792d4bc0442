import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HeadcountReport } from '#contracts';
import { Clock, type SiteScope } from '#core';
import { type Site, SiteDirectory } from '#network';
import {
  headcountSeries,
  monthsBetween,
  type SeriesGroup,
  shiftMonth,
  type SiteMonth,
  type SitePlan,
} from '../domain/headcount-series.js';
import { headcountSql } from '../domain/report-rules.js';
import { StaffingError } from '../domain/staffing.error.js';
import { HeadcountQuery, MonthRangeQuery } from './staffing.dto.js';
import { StaffingSites } from './staffing-sites.js';

export const MAX_MONTHS = 120;

/** Monthly headcount, actual against plan, per site, partner, country or shore. */
@Injectable()
export class HeadcountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: SiteDirectory,
    private readonly sites: StaffingSites,
    private readonly clock: Clock,
  ) {}

  async series(scope: SiteScope, query: HeadcountQuery): Promise<HeadcountReport> {
    const { from, to } = monthRange(query, this.clock.now());
    if (query.siteId) await this.sites.visible(scope, query.siteId);
    const sites = await this.sitesOf(scope, query);
    const months = monthsBetween(from, to);
    const previous = shiftMonth(from, -1);
    const siteIds = sites.map((site) => site.id);
    const [siteMonths, plans] = siteIds.length
      ? await Promise.all([this.siteMonths(siteIds, previous, to), this.plans(siteIds, previous, to)])
      : [[], []];
    return {
      groupBy: query.groupBy,
      interval: 'month',
      from,
      to,
      series: headcountSeries(groupsOf(sites, query.groupBy), months, previous, siteMonths, plans),
    };
  }

  private async sitesOf(scope: SiteScope, query: HeadcountQuery): Promise<Site[]> {
    const { siteId, partnerId, country } = query;
    return this.directory.find({ scope, siteId, partnerId, country, withPartner: true });
  }

  private async siteMonths(siteIds: string[], from: string, to: string): Promise<SiteMonth[]> {
    const rows: Array<Record<string, string | number>> = await this.dataSource.query(
      `SELECT r.site_id, to_char(r.period_start, 'YYYY-MM') AS month,
              sum(r.hires)::int AS hires, sum(r.leavers)::int AS leavers,
              avg(${headcountSql('r')})::float8 AS average_headcount,
              (array_agg(${headcountSql('r')} ORDER BY r.period_start DESC, r.period_end))[1] AS headcount,
              (array_agg(r.agents_in_production ORDER BY r.period_start DESC, r.period_end))[1] AS agents_in_production,
              (array_agg(r.agents_in_training ORDER BY r.period_start DESC, r.period_end))[1] AS agents_in_training,
              (array_agg(r.seats_staffed ORDER BY r.period_start DESC, r.period_end))[1] AS seats_staffed,
              (array_agg(r.seats_installed ORDER BY r.period_start DESC, r.period_end))[1] AS seats_installed
       FROM staffing_report r
       WHERE r.current AND r.site_id = ANY($1::uuid[])
         AND r.period_start >= $2::date AND r.period_start < ($3::date + interval '1 month')
       GROUP BY r.site_id, month`,
      [siteIds, `${from}-01`, `${to}-01`],
    );
    return rows.map((row) => ({
      siteId: String(row.site_id),
      month: String(row.month),
      headcount: Number(row.headcount),
      agentsInProduction: Number(row.agents_in_production),
      agentsInTraining: Number(row.agents_in_training),
      seatsStaffed: Number(row.seats_staffed),
      seatsInstalled: Number(row.seats_installed),
      hires: Number(row.hires),
      leavers: Number(row.leavers),
      averageHeadcount: Number(row.average_headcount),
    }));
  }

  private async plans(siteIds: string[], from: string, to: string): Promise<SitePlan[]> {
    const rows: Array<{ site_id: string; month: string; headcount: number }> = await this.dataSource.query(
      `SELECT site_id, to_char(month, 'YYYY-MM') AS month, headcount FROM staffing_plan
       WHERE site_id = ANY($1::uuid[]) AND month BETWEEN $2::date AND $3::date`,
      [siteIds, `${from}-01`, `${to}-01`],
    );
    return rows.map((row) => ({ siteId: row.site_id, month: row.month, headcount: row.headcount }));
  }
}

function groupsOf(sites: Site[], groupBy: HeadcountQuery['groupBy']): SeriesGroup[] {
  const groups = new Map<string, SeriesGroup>();
  for (const site of sites) {
    const [key, label] =
      groupBy === 'site'
        ? [site.id, site.name]
        : groupBy === 'partner'
          ? [site.partnerId, site.partner?.name ?? site.partnerId]
          : groupBy === 'country'
            ? [site.country, site.country]
            : site.onshore
              ? ['onshore', 'Onshore (France)']
              : ['offshore', 'Offshore'];
    const group = groups.get(key) ?? { key, label, siteIds: [] };
    group.siteIds.push(site.id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The checked month range of a query: default the 12 months up to the current one (UTC). */
export function monthRange(query: MonthRangeQuery, now: Date): { from: string; to: string } {
  const to = query.to ?? now.toISOString().slice(0, 7);
  const from = query.from ?? shiftMonth(to, -11);
  for (const month of [from, to]) if (!MONTH.test(month)) throw StaffingError.invalidMonth(month);
  const span = monthsBetween(from, to).length;
  if (from > to) throw StaffingError.invalidRange(`from (${from}) is after to (${to}).`);
  if (span > MAX_MONTHS)
    throw StaffingError.invalidRange(`At most ${MAX_MONTHS} months at once; ${span} asked.`);
  return { from, to };
}
