import type { PeriodKind, ReportPeriod } from './report-period.js';

/** The whole-number figures of a staffing report, in CSV column order. */
export const REPORT_COUNTS = [
  'agentsInProduction',
  'agentsInTraining',
  'teamLeaders',
  'supervisors',
  'trainersQa',
  'hires',
  'leavers',
  'seatsInstalled',
  'seatsStaffed',
] as const;
export type ReportCount = (typeof REPORT_COUNTS)[number];

export const MAX_COUNT = 100_000;
export const MAX_NOTES = 2_000;

export type ReportFigures = Record<ReportCount, number> & {
  /** 0-100, two decimals */
  absenteeismPct: number;
  attritionNotes: string | null;
};

/** What a report needs to know about its site. */
export interface ReportSite {
  id: string;
  partnerId: string;
  status: string;
  /** site-local "today", `YYYY-MM-DD` */
  today: string;
}

/** One accepted report, ready to be written. */
export interface ReportDraft extends ReportFigures {
  siteId: string;
  partnerId: string;
  period: string;
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
}

export interface ReportProblem {
  field: string;
  message: string;
}

/**
 * The consistency rules every report obeys, whether it came as JSON or as a CSV row
 * (types and ranges are checked before): staffed seats <= installed seats, the period not in
 * the site's future, the site active.
 */
export function consistencyProblems(
  figures: ReportFigures,
  period: ReportPeriod,
  site: ReportSite,
): ReportProblem[] {
  const problems: ReportProblem[] = [];
  if (figures.seatsStaffed > figures.seatsInstalled)
    problems.push({
      field: 'seatsStaffed',
      message: `seatsStaffed (${figures.seatsStaffed}) cannot exceed seatsInstalled (${figures.seatsInstalled})`,
    });
  if (period.start > site.today)
    problems.push({
      field: 'period',
      message: `period ${period.period} is in the future (today is ${site.today} at the site)`,
    });
  if (site.status !== 'active')
    problems.push({
      field: 'siteId',
      message: `site ${site.id} is ${site.status}, not active: it cannot report`,
    });
  return problems;
}

export function draftOf(figures: ReportFigures, period: ReportPeriod, site: ReportSite): ReportDraft {
  // one literal (no spread): built 100,000 times by a CSV upload
  return {
    siteId: site.id,
    partnerId: site.partnerId,
    period: period.period,
    periodKind: period.kind,
    periodStart: period.start,
    periodEnd: period.end,
    agentsInProduction: figures.agentsInProduction,
    agentsInTraining: figures.agentsInTraining,
    teamLeaders: figures.teamLeaders,
    supervisors: figures.supervisors,
    trainersQa: figures.trainersQa,
    hires: figures.hires,
    leavers: figures.leavers,
    seatsInstalled: figures.seatsInstalled,
    seatsStaffed: figures.seatsStaffed,
    absenteeismPct: figures.absenteeismPct,
    attritionNotes: figures.attritionNotes,
  };
}

/** Agents on seats (full-time equivalents): in production plus in training. */
export function fteOf(figures: Pick<ReportFigures, 'agentsInProduction' | 'agentsInTraining'>): number {
  return figures.agentsInProduction + figures.agentsInTraining;
}

/** The same sum in SQL, over a staffing_report alias. */
export const headcountSql = (alias: string) =>
  `(${alias}.agents_in_production + ${alias}.agents_in_training + ${alias}.team_leaders + ${alias}.supervisors + ${alias}.trainers_qa)`;

/** Everybody the site employs on the floor: agents, team leaders, supervisors, trainers/QA. */
export function headcountOf(
  figures: Pick<
    ReportFigures,
    'agentsInProduction' | 'agentsInTraining' | 'teamLeaders' | 'supervisors' | 'trainersQa'
  >,
): number {
  return fteOf(figures) + figures.teamLeaders + figures.supervisors + figures.trainersQa;
}
