import type { DeliveredDay, LineAdherenceMonth } from '#contracts';
import type { Contract } from './contract.js';

/**
 * Line adherence of a site's month from its delivered days: intervals measured (a request and
 * samples), within tolerance, breaches; credits = breaches x credit per breach, plus the missed-month
 * credit when the share within tolerance is below the contract's target.
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
  for (const day of days)
    for (const interval of day.intervals) {
      if (interval.adherence === null) continue;
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
  return {
    siteId,
    month,
    timeZone: zone,
    contractId: contract?.id ?? null,
    currency: contract?.currency ?? null,
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
