import type { HeadcountPoint, HeadcountSeries } from '#contracts';

/** One site's month, from its current reports whose period starts in that month. */
export interface SiteMonth {
  siteId: string;
  /** `YYYY-MM` */
  month: string;
  /** figures of the site's last report of the month (month-end) */
  headcount: number;
  agentsInProduction: number;
  agentsInTraining: number;
  seatsStaffed: number;
  seatsInstalled: number;
  /** sums over the month's reports */
  hires: number;
  leavers: number;
  /** mean headcount of the month's reports */
  averageHeadcount: number;
}

export interface SitePlan {
  siteId: string;
  month: string;
  headcount: number;
}

export interface SeriesGroup {
  key: string;
  label: string;
  siteIds: string[];
}

/** `YYYY-MM` months from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number);
  const [endYear, endMonth] = to.split('-').map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    if (++month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

export function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number);
  const index = year * 12 + number - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (num: number, den: number | null, digits = 4) => (den ? round(num / den, digits) : null);

/**
 * Monthly actual against plan for each group, summing its sites: headcount is month-end (each
 * site's last report of the month), growth is against the previous month's headcount
 * (`previous` is the month before the first one shown), attrition = leavers / average headcount.
 */
export function headcountSeries(
  groups: SeriesGroup[],
  months: string[],
  previous: string,
  siteMonths: SiteMonth[],
  plans: SitePlan[],
): HeadcountSeries[] {
  const actual = new Map(siteMonths.map((row) => [`${row.siteId}|${row.month}`, row]));
  const planned = new Map(plans.map((plan) => [`${plan.siteId}|${plan.month}`, plan.headcount]));
  return groups.map((group) => {
    let before = pointOf(group, previous, actual, planned).headcount;
    const points = months.map((month) => {
      const point = pointOf(group, month, actual, planned);
      point.growthPct =
        point.headcount !== null && before ? round(((point.headcount - before) / before) * 100, 2) : null;
      before = point.headcount;
      return point;
    });
    return { key: group.key, label: group.label, points };
  });
}

function pointOf(
  group: SeriesGroup,
  month: string,
  actual: Map<string, SiteMonth>,
  planned: Map<string, number>,
): HeadcountPoint {
  const rows = group.siteIds.map((id) => actual.get(`${id}|${month}`)).filter((row) => row !== undefined);
  const plans = group.siteIds.map((id) => planned.get(`${id}|${month}`)).filter((plan) => plan !== undefined);
  const sum = (read: (row: SiteMonth) => number) => rows.reduce((total, row) => total + read(row), 0);
  const reported = rows.length > 0;
  const headcount = reported ? sum((row) => row.headcount) : null;
  const plan = plans.length ? plans.reduce((total, value) => total + value, 0) : null;
  const production = sum((row) => row.agentsInProduction);
  const training = sum((row) => row.agentsInTraining);
  const seatsStaffed = sum((row) => row.seatsStaffed);
  const averageHeadcount = reported
    ? round(
        sum((row) => row.averageHeadcount),
        2,
      )
    : null;
  const leavers = sum((row) => row.leavers);
  return {
    month,
    sitesReporting: rows.length,
    headcount,
    plan,
    variance: headcount !== null && plan !== null ? headcount - plan : null,
    growthPct: null,
    hires: sum((row) => row.hires),
    leavers,
    averageHeadcount,
    attritionRate: reported ? ratio(leavers, averageHeadcount) : null,
    agentsInProduction: reported ? production : null,
    agentsInTraining: reported ? training : null,
    trainingShare: reported ? ratio(training, production + training) : null,
    fte: reported ? production + training : null,
    seatsStaffed: reported ? seatsStaffed : null,
    seatsInstalled: reported ? sum((row) => row.seatsInstalled) : null,
    seatUtilisation: reported ? ratio(production + training, seatsStaffed) : null,
  };
}
