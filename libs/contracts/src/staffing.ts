/** Staffing reports, plans and headcount series: the shapes of the staffing routes. */
export type ReportPeriodKind = 'day' | 'week';

export interface StaffingReportView {
  id: string;
  siteId: string;
  partnerId: string;
  /** `YYYY-MM-DD` or ISO week `YYYY-Www` */
  period: string;
  periodKind: ReportPeriodKind;
  periodStart: string;
  periodEnd: string;
  /** 1 for the first report of the site and period, +1 per correction */
  version: number;
  /** false once a later version corrected it */
  current: boolean;
  agentsInProduction: number;
  agentsInTraining: number;
  teamLeaders: number;
  supervisors: number;
  trainersQa: number;
  hires: number;
  leavers: number;
  seatsInstalled: number;
  seatsStaffed: number;
  absenteeismPct: number;
  attritionNotes: string | null;
  /** agents in production + in training + team leaders + supervisors + trainers/QA */
  headcount: number;
  source: 'api' | 'csv' | 'seed';
  uploadId: string | null;
  submittedAt: string;
}

export interface StaffingUploadResult {
  uploadId: string;
  /** reports stored */
  accepted: number;
  /** of which corrections (version > 1) */
  corrections: number;
  sites: number;
}

export interface StaffingPlanView {
  siteId: string;
  /** `YYYY-MM` */
  month: string;
  headcount: number;
  note: string | null;
  updatedAt: string;
}

/** One month of a headcount series (figures summed over the group's sites). */
export interface HeadcountPoint {
  /** `YYYY-MM` */
  month: string;
  /** sites with at least one report in the month */
  sitesReporting: number;
  /** month-end headcount: each site's last report of the month; null when none reported */
  headcount: number | null;
  /** planned month-end headcount (sum of the site plans); null when none planned */
  plan: number | null;
  /** headcount - plan */
  variance: number | null;
  /** % change of headcount against the previous month */
  growthPct: number | null;
  hires: number;
  leavers: number;
  /** mean of the headcount of the month's reports, summed over sites */
  averageHeadcount: number | null;
  /** leavers / averageHeadcount (a fraction, monthly) */
  attritionRate: number | null;
  agentsInProduction: number | null;
  agentsInTraining: number | null;
  /** agentsInTraining / (agentsInProduction + agentsInTraining) */
  trainingShare: number | null;
  /** agents on seats: in production + in training */
  fte: number | null;
  seatsStaffed: number | null;
  seatsInstalled: number | null;
  /** fte / seatsStaffed */
  seatUtilisation: number | null;
}

export interface HeadcountSeries {
  /** site, partner or country id/code, or onshore/offshore */
  key: string;
  label: string;
  points: HeadcountPoint[];
}

export interface HeadcountReport {
  groupBy: 'site' | 'partner' | 'country' | 'shore';
  interval: 'month';
  from: string;
  to: string;
  series: HeadcountSeries[];
}
