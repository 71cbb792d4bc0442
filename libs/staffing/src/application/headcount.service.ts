import { Injectable } from '@nestjs/common';
import type { HeadcountReport } from '#contracts';
import { Clock, type SiteScope } from '#core';
import { type Site, SiteDirectory } from '#network';
import { headcountSeries, monthsBetween, type SeriesGroup, shiftMonth } from '../domain/headcount-series.js';
import { StaffingError } from '../domain/staffing.error.js';
import { StaffingPlanStore } from '../store/staffing-plans.store.js';
import { StaffingReportStore } from '../store/staffing-reports.store.js';
import { HeadcountQuery, MonthRangeQuery } from './staffing.dto.js';
import { StaffingSites } from './staffing-sites.js';

export const MAX_MONTHS = 120;

/** Monthly headcount, actual against plan, per site, partner, country or shore. */
@Injectable()
export class HeadcountService {
  constructor(
    private readonly reports: StaffingReportStore,
    private readonly plans: StaffingPlanStore,
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
      ? await Promise.all([
          this.reports.siteMonths(siteIds, `${previous}-01`, `${to}-01`),
          this.plans.ofSites(siteIds, `${previous}-01`, `${to}-01`),
        ])
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
