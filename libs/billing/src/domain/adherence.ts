import {
  type DeliveredDay,
  type LineAdherenceMonth,
  REQUESTED_SOURCES,
  type RequestedSource,
} from '#contracts';
import type { Contract } from './contract.js';

/**
 * Line adherence of a site's month from its delivered days: intervals measured (a contract, a
 * request and samples), within tolerance, breaches; credits = breaches x credit per breach, plus the
 * missed-month credit when the share within tolerance is below the contract's target. A month
 * where nothing could be measured is `not_measurable`, with the reason: no share, no credit, and
 * never a share or a credit of 0 that reads as a measurement. Requests are only what was recorded
 * for the interval before the fact (entered, or accepted from the capacity plan): the plan is not
 * recomputed afterwards, as it would not give what the partner was asked for.
 */
export function lineAdherence(
  siteId: string,
  month: string,
  zone: string,
  days: DeliveredDay[],
  contract: Contract | null,
): LineAdherenceMonth {
  let measured = 0;
  let within = 0;
  let breaches = 0;
  const requestedIntervals = Object.fromEntries(REQUESTED_SOURCES.map((source) => [source, 0])) as Record<
    RequestedSource,
    number
  >;
  for (const day of days)
    for (const interval of day.intervals) {
      if (interval.requestedSource && interval.requestedHours) requestedIntervals[interval.requestedSource]++;
      if (interval.adherence === null || interval.withinTolerance === null) continue;
      measured++;
      if (interval.withinTolerance) within++;
      if (interval.breach) breaches++;
    }
  const share = measured ? Math.round((within / measured) * 10_000) / 10_000 : null;
  const credits = contract
    ? breaches * contract.sla.creditPerAdherenceBreach +
      (share !== null && share < contract.sla.targetShareWithinTolerance
        ? contract.sla.creditPerMissedMonth
        : 0)
    : 0;
  const requested = requestedIntervals.manager + requestedIntervals.capacity_plan;
  const reason = measured
    ? null
    : !contract
      ? 'no contract covers the site this month, so no adherence terms apply'
      : !requested
        ? 'no hours were requested of the site this month: enter them, or accept the capacity plan as requested hours, before the days they are for'
        : `no seat history in the ${requested} interval(s) with requested hours`;
  return {
    siteId,
    month,
    timeZone: zone,
    contractId: contract?.id ?? null,
    currency: contract?.currency ?? null,
    status: measured ? 'measured' : 'not_measurable',
    reason,
    requestedIntervals,
    measuredIntervals: measured,
    withinTolerance: within,
    shareWithinTolerance: share,
    breaches,
    credits: Math.round(credits * 100) / 100,
    days: days.map((day) => ({
      date: day.date,
      intervals: day.intervals.map((interval) => ({
        localTime: interval.localTime,
        adherence: interval.adherence,
      })),
    })),
  };
}
