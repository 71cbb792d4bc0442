import { Injectable } from '@nestjs/common';
import { Clock, scopeAllowsSite, type SiteScope } from '#core';
import { type Site, SiteDirectory } from '#network';
import { localDay } from '../domain/report-period.js';
import type { ReportSite } from '../domain/report-rules.js';
import { StaffingError } from '../domain/staffing.error.js';

/** The sites staffing works with, seen through the caller's scope (others are "not found"). */
@Injectable()
export class StaffingSites {
  constructor(
    private readonly directory: SiteDirectory,
    private readonly clock: Clock,
  ) {}

  async visible(scope: SiteScope, id: string): Promise<Site> {
    const site = await this.directory.site(id);
    if (!site || !scopeAllowsSite(scope, site)) throw StaffingError.siteNotFound(id);
    return site;
  }

  /** Every site of the scope, by lower-case id, with its local "today". */
  async reportable(scope: SiteScope): Promise<Map<string, ReportSite>> {
    const now = this.clock.now();
    return new Map(
      (await this.directory.find({ scope })).map((site) => [
        site.id.toLowerCase(),
        this.reportSite(site, now),
      ]),
    );
  }

  reportSite(site: Site, now = this.clock.now()): ReportSite {
    return {
      id: site.id,
      partnerId: site.partnerId,
      status: site.status,
      today: localDay(now, site.timeZone),
    };
  }
}
