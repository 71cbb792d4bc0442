import { Injectable } from '@nestjs/common';
import type { RequestedHoursResult, RequestedInterval } from '#contracts';
import type { SiteScope } from '#core';
import { CapacityPlanService, CapacityQuery } from '#planning';
import { BillingStore } from '../billing.store.js';
import { BillingError } from '../domain/billing.error.js';
import { daySpan, isIntervalStart, localOf } from '../domain/calendar.js';
import { BillingSites } from './billing-sites.js';
import type { RequestedFromPlanDto, RequestedHoursDto, RequestedQuery } from './billing.dto.js';

/** Hours requested per site and 30-minute interval: entered by managers, corrections versioned. */
@Injectable()
export class RequestedHoursService {
  constructor(
    private readonly store: BillingStore,
    private readonly sites: BillingSites,
    private readonly capacity: CapacityPlanService,
  ) {}

  /**
   * Requested hours from the capacity plan: for each 30-minute interval of the plan's days, the agents
   * the site needs on the phones (in-shift shrinkage 0, so breaks are not requested as productive
   * time; rounded up once), x 0.5 h, stored as a version from the source capacity_plan. Intervals
   * the plan needs nobody for are left as they are.
   */
  async fromPlan(
    scope: SiteScope,
    by: string,
    siteId: string,
    dto: RequestedFromPlanDto,
  ): Promise<RequestedHoursResult & { intervals: number }> {
    await this.sites.site(scope, siteId);
    const query = Object.assign(new CapacityQuery(), {
      date: dto.date,
      days: dto.days,
      groupBy: 'site' as const,
      inShiftShrinkage: 0,
    });
    const plan = await this.capacity.plan(scope, query);
    const group = plan.groups.find((candidate) => candidate.key === siteId);
    const intervals = (group?.intervals ?? [])
      .filter((interval) => interval.requiredSeats > 0)
      .map((interval) => ({ start: new Date(interval.start), hours: interval.requiredSeats / 2 }));
    const note =
      dto.note?.trim() || `capacity plan of ${dto.date}, ${dto.days} day(s): agents on the phones x 0.5 h`;
    const versioned = intervals.length
      ? await this.store.saveRequested(siteId, intervals, by, 'capacity_plan', note)
      : 0;
    return { intervals: intervals.length, versioned, unchanged: intervals.length - versioned };
  }

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
