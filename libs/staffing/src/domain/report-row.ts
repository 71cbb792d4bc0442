import { parsePeriodCached, PERIOD_FORMAT } from './report-period.js';
import {
  consistencyProblems,
  draftOf,
  MAX_COUNT,
  MAX_NOTES,
  REPORT_COUNTS,
  type ReportCount,
  type ReportDraft,
  type ReportFigures,
  type ReportProblem,
  type ReportSite,
} from './report-rules.js';

/** CSV columns, in the order of the template; attritionNotes may be left out. */
export const CSV_COLUMNS = [
  'siteId',
  'period',
  ...REPORT_COUNTS,
  'absenteeismPct',
  'attritionNotes',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS = CSV_COLUMNS.filter((column) => column !== 'attritionNotes');

/** Where each column is in the file's rows (from its header line). */
export type CsvLayout = Record<CsvColumn, number>;

const WHOLE = /^\d{1,6}$/;
/** a decimal point or, as French spreadsheets write it, a decimal comma */
const PERCENT = /^\d{1,3}([.,]\d{1,2})?$/;

export type RowResult =
  { draft: ReportDraft; problems?: undefined } | { draft?: undefined; problems: ReportProblem[] };

/**
 * Checks one CSV row (all values are text) against the same rules as a JSON report. `sites`
 * holds only the caller's sites: any other id is "not one of your sites", whether it exists or not.
 * Hot path of a 100,000-row upload: no intermediate objects.
 */
export function parseReportRow(
  values: string[],
  layout: CsvLayout,
  sites: Map<string, ReportSite>,
): RowResult {
  let problems: ReportProblem[] | undefined;
  const problem = (field: string, message: string) => (problems ??= []).push({ field, message });
  const text = (column: number) => (column >= 0 ? (values[column] ?? '').trim() : '');
  const siteId = text(layout.siteId);
  const site = sites.get(siteId) ?? sites.get(siteId.toLowerCase());
  if (!site) problem('siteId', siteId ? `${siteId} is not one of your sites` : 'missing');
  const periodText = text(layout.period);
  const period = parsePeriodCached(periodText);
  if (!period) problem('period', `"${periodText}" is not ${PERIOD_FORMAT}`);
  const count = (field: ReportCount): number => {
    const value = text(layout[field]);
    if (WHOLE.test(value) && +value <= MAX_COUNT) return +value;
    problem(field, `"${value}" is not a whole number from 0 to ${MAX_COUNT}`);
    return 0;
  };
  const absenteeism = text(layout.absenteeismPct).replace(',', '.');
  const notes = text(layout.attritionNotes);
  const figures: ReportFigures = {
    agentsInProduction: count('agentsInProduction'),
    agentsInTraining: count('agentsInTraining'),
    teamLeaders: count('teamLeaders'),
    supervisors: count('supervisors'),
    trainersQa: count('trainersQa'),
    hires: count('hires'),
    leavers: count('leavers'),
    seatsInstalled: count('seatsInstalled'),
    seatsStaffed: count('seatsStaffed'),
    absenteeismPct: +absenteeism,
    attritionNotes: notes || null,
  };
  if (!PERCENT.test(absenteeism) || figures.absenteeismPct > 100)
    problem('absenteeismPct', `"${absenteeism}" is not a percentage from 0 to 100 (2 decimals)`);
  if (notes && notes.length > MAX_NOTES) problem('attritionNotes', `longer than ${MAX_NOTES} characters`);
  if (problems || !site || !period) return { problems: problems ?? [] };
  const inconsistent = consistencyProblems(figures, period, site);
  return inconsistent.length ? { problems: inconsistent } : { draft: draftOf(figures, period, site) };
}
