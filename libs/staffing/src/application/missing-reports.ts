import { Injectable, Logger } from '@nestjs/common';
import { AlertsService } from '#alerts';
import { Clock } from '#core';
import { type Site, SiteDirectory } from '#network';
import { latestDueReport, REPORT_DUE_HOUR } from '../domain/report-due.js';
import { localDay } from '../domain/report-period.js';
import { StaffingReportStore } from '../store/staffing-reports.store.js';

export const MISSING_REPORT_ALERT = 'staffing.missing_report';
export const MISSING_REPORTS_JOB = 'staffing.missing-reports';
export const MISSING_REPORTS_EVERY_MS = 10 * 60_000;

export interface MissingReportsRun {
  checked: number;
  missing: string[];
  opened: number;
  resolved: number;
}

const dedupeKey = (siteId: string) => `site:${siteId}`;

/**
 * Late and missing reports: every active site (opened, or registered, by then) must have a report covering its
 * latest due day (see report-due.ts). A scheduled job opens one alert per late site, kept open
 * (its text refreshed) until a report covering the due day arrives or the site stops being
 * active; an accepted report resolves its site's alert at once.
 */
@Injectable()
export class MissingReports {
  private readonly logger = new Logger(MissingReports.name);

  constructor(
    private readonly reports: StaffingReportStore,
    private readonly directory: SiteDirectory,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
  ) {}

  /** Opens alerts for late sites, resolves those of sites no longer late. Idempotent. */
  async sweep(at: Date = this.clock.now()): Promise<MissingReportsRun> {
    const sites = await this.directory.find({ status: 'active' });
    const missing = await this.lateSites(sites, at);
    let opened = 0;
    for (const { site, day, dueAt } of missing) {
      const raised = await this.alerts.raise({
        kind: MISSING_REPORT_ALERT,
        siteId: site.id,
        partnerId: site.partnerId,
        dedupeKey: dedupeKey(site.id),
        message: `${site.name} has not reported staffing for ${day} (due ${REPORT_DUE_HOUR}:00 site time the next day).`,
        details: { day, dueAt: dueAt.toISOString() },
      });
      if (raised.opened) opened++;
    }
    const resolved = await this.alerts.resolveAllExcept(
      MISSING_REPORT_ALERT,
      missing.map(({ site }) => dedupeKey(site.id)),
    );
    if (opened || resolved.length)
      this.logger.log(`missing reports: ${opened} opened, ${resolved.length} resolved`);
    return {
      checked: sites.length,
      missing: missing.map(({ site }) => site.id),
      opened,
      resolved: resolved.length,
    };
  }

  /** After reports were accepted: resolves the alerts of those sites that are no longer late. */
  async reported(siteIds: string[], at: Date = this.clock.now()): Promise<void> {
    const open = new Set((await this.alerts.openOf(MISSING_REPORT_ALERT)).map((alert) => alert.siteId));
    const watched = siteIds.filter((id) => open.has(id));
    if (!watched.length) return;
    const sites = await this.directory.sitesByIds(watched);
    const late = new Set((await this.lateSites(sites, at)).map(({ site }) => site.id));
    for (const site of sites)
      if (!late.has(site.id)) await this.alerts.resolve(MISSING_REPORT_ALERT, dedupeKey(site.id));
  }

  private async lateSites(sites: Site[], at: Date) {
    const due = sites
      .filter((site) => site.status === 'active')
      .map((site) => ({ site, ...latestDueReport(at, site.timeZone) }))
      // a site reports from the day it opened (or was registered, when no opening day is known)
      .filter(({ site, day }) => (site.openedOn ?? localDay(site.createdAt, site.timeZone)) <= day);
    if (!due.length) return [];
    const reported = await this.reports.coveredSites(due.map(({ site, day }) => ({ siteId: site.id, day })));
    return due.filter(({ site }) => !reported.has(site.id));
  }
}
