import { Injectable } from '@nestjs/common';
import type { RequestedHoursResult, RequestedInterval } from '#contracts';
import type { SiteScope } from '#core';
import { BillingStore } from '../billing.store.js';
import { BillingError } from '../domain/billing.error.js';
import { daySpan, isIntervalStart, localOf } from '../domain/calendar.js';
import { BillingSites } from './billing-sites.js';
import type { RequestedHoursDto, RequestedQuery } from './billing.dto.js';

/** Hours requested per site and 30-minute interval: entered by managers, corrections versioned. */
@Injectable()
export class RequestedHoursService {
  constructor(
    private readonly store: BillingStore,
    private readonly sites: BillingSites,
  ) {}

  async enter(
    scope: SiteScope,
    by: string,
    siteId: string,
    dto: RequestedHoursDto,
  ): Promise<RequestedHoursResult> {
    const site = await this.sites.site(scope, siteId);
    const seen = new Set<number>();
    const intervals = dto.intervals.map((interval, index) => {
      const start = Date.parse(interval.start);
      if (Number.isNaN(start)) throw BillingError.invalidInterval(index, 'start is not a date-time');
      if (!isIntervalStart(start, site.timeZone))
        throw BillingError.invalidInterval(
          index,
          `start must begin a 30-minute interval of the site (:00 or :30 in ${site.timeZone})`,
        );
      if (seen.has(start)) throw BillingError.invalidInterval(index, 'the same interval is given twice');
      seen.add(start);
      return { start: new Date(start), hours: interval.hours };
    });
    const versioned = await this.store.saveRequested(
      siteId,
      intervals,
      by,
      'manager',
      dto.note?.trim() || null,
    );
    return { versioned, unchanged: intervals.length - versioned };
  }

  async day(scope: SiteScope, siteId: string, query: RequestedQuery): Promise<RequestedInterval[]> {
    const site = await this.sites.site(scope, siteId);
    const span = daySpan(query.date, site.timeZone);
    const rows = await this.store.requested(
      [siteId],
      new Date(span.from),
      new Date(span.to),
      query.versions === 'all',
    );
    return rows.map((row) => ({ ...row, localTime: localOf(Date.parse(row.start), site.timeZone).time }));
  }
}
