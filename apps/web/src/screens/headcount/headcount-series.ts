import type { HeadcountPoint, HeadcountReport, HeadcountSeries } from '@contracts';
import type { ChartSeries } from '../../components/time-chart';
import { seriesColor } from '../../components/time-chart';
import { number } from '../../lib/figures';

export type GroupBy = HeadcountReport['groupBy'];
export const GROUPS: Array<{ value: GroupBy; label: string }> = [
  { value: 'site', label: 'Site' },
  { value: 'partner', label: 'Partner' },
  { value: 'country', label: 'Country' },
  { value: 'shore', label: 'Onshore / offshore' },
];
export const groupLabel = (groupBy: GroupBy) => GROUPS.find((group) => group.value === groupBy)?.label ?? '';

/** groups up to which the growth chart draws each one's plan beside its actuals */
export const MAX_PLAN_LINES = 4;

export const monthOf = (date: Date) => date.toISOString().slice(0, 7);
export const monthSeconds = (month: string) =>
  Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) / 1000;
export const shift = (month: string, months: number) =>
  monthOf(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + months, 1)));

export const growthText = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value.toFixed(1)} %`;
export const signed = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${number(value)}`;
const pct = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

/** Each group's month-end headcount, and its plan (dashed) while the chart stays readable. */
export function growthSeries(series: HeadcountSeries[]): ChartSeries[] {
  return series.flatMap((group, index, all) => [
    { label: group.label, values: group.points.map((p) => p.headcount), color: seriesColor(index) },
    ...(all.length <= MAX_PLAN_LINES
      ? [
          {
            label: `${group.label} plan`,
            values: group.points.map((p) => p.plan),
            color: seriesColor(index),
            dash: true,
          },
        ]
      : []),
  ]);
}

export function rateSeries(totals: HeadcountPoint[]): ChartSeries[] {
  return [
    {
      label: 'Attrition (monthly)',
      values: totals.map((p) => pct(p.attritionRate)),
      color: '#ff6b6b',
      percent: true,
    },
    {
      label: 'Training share',
      values: totals.map((p) => pct(p.trainingShare)),
      color: '#ffb547',
      percent: true,
    },
  ];
}

const CSV_FIELDS = [
  'headcount',
  'plan',
  'variance',
  'growthPct',
  'hires',
  'leavers',
  'attritionRate',
  'agentsInProduction',
  'agentsInTraining',
  'trainingShare',
  'seatsStaffed',
  'seatsInstalled',
] as const satisfies ReadonlyArray<keyof HeadcountPoint>;

/** The report as CSV: a row per group and month. */
export function csvTable(report: HeadcountReport): { header: string[]; rows: unknown[][] } {
  return {
    header: ['group', 'key', 'month', ...CSV_FIELDS],
    rows: report.series.flatMap((series) =>
      series.points.map((p) => [series.label, series.key, p.month, ...CSV_FIELDS.map((field) => p[field])]),
    ),
  };
}

/** The sum of every series, month by month (rates recomputed from the sums). */
export function totalPoints(report: HeadcountReport): HeadcountPoint[] {
  const months = report.series[0]?.points.map((point) => point.month) ?? [];
  const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);
  let previous: number | null = null;
  return months.map((month, index) => {
    const points = report.series.map((series) => series.points[index]).filter(Boolean);
    const sum = (pick: (p: HeadcountPoint) => number | null) =>
      points.reduce<number | null>((total, point) => add(total, pick(point)), null);
    const headcount = sum((p) => p.headcount);
    const plan = sum((p) => p.plan);
    const production = sum((p) => p.agentsInProduction);
    const training = sum((p) => p.agentsInTraining);
    const average = sum((p) => p.averageHeadcount);
    const leavers = sum((p) => p.leavers) ?? 0;
    const staffed = sum((p) => p.seatsStaffed);
    const fte = sum((p) => p.fte);
    const point: HeadcountPoint = {
      month,
      sitesReporting: sum((p) => p.sitesReporting) ?? 0,
      headcount,
      plan,
      variance: headcount !== null && plan !== null ? headcount - plan : null,
      growthPct: headcount !== null && previous ? ((headcount - previous) / previous) * 100 : null,
      hires: sum((p) => p.hires) ?? 0,
      leavers,
      averageHeadcount: average,
      attritionRate: average ? leavers / average : null,
      agentsInProduction: production,
      agentsInTraining: training,
      trainingShare:
        production !== null && training !== null && production + training > 0
          ? training / (production + training)
          : null,
      fte,
      seatsStaffed: staffed,
      seatsInstalled: sum((p) => p.seatsInstalled),
      seatUtilisation: fte !== null && staffed ? fte / staffed : null,
    };
    previous = headcount ?? previous;
    return point;
  });
}
