import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, scopeAllowsSite, type SiteScope } from '#core';
import { Site } from '#network';
import { localDay } from '../domain/report-period.js';
import type { ReportSite } from '../domain/report-rules.js';
import { StaffingError } from '../domain/staffing.error.js';

/** The sites staffing works with, seen through the caller's scope (others are "not found"). */
@Injectable()
export class StaffingSites {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async visible(scope: SiteScope, id: string): Promise<Site> {
    const site = await this.dataSource.getRepository(Site).findOneBy({ id });
    if (!site || !scopeAllowsSite(scope, site)) throw StaffingError.siteNotFound(id);
    return site;
  }

  /** Every site of the scope, by lower-case id, with its local "today". */
  async reportable(scope: SiteScope): Promise<Map<string, ReportSite>> {
    const builder = this.dataSource.getRepository(Site).createQueryBuilder('site');
    if (scope.partnerId) builder.andWhere('site.partnerId = :partnerId', { partnerId: scope.partnerId });
    if (scope.siteIds) builder.andWhere('site.id IN (:...siteIds)', { siteIds: [...scope.siteIds, null] });
    const now = this.clock.now();
    return new Map(
      (await builder.getMany()).map((site) => [site.id.toLowerCase(), this.reportSite(site, now)]),
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
