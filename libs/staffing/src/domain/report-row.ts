import { parsePeriod, PERIOD_FORMAT } from './report-period.js';
import {
  consistencyProblems,
  draftOf,
  MAX_COUNT,
  MAX_NOTES,
  REPORT_COUNTS,
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
export const REQUIRED_CSV_COLUMNS = CSV_COLUMNS.filter((column) => column !== 'attritionNotes');

const WHOLE = /^\d{1,6}$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

export type RowResult =
  { draft: ReportDraft; problems?: undefined } | { draft?: undefined; problems: ReportProblem[] };

/**
 * Checks one CSV row (all values are text) against the same rules as a JSON report. `sites`
 * holds only the caller's sites: any other id is "not one of your sites", whether it exists or not.
 */
export function parseReportRow(
  record: Record<string, string | undefined>,
  sites: Map<string, ReportSite>,
): RowResult {
  const problems: ReportProblem[] = [];
  const siteId = record.siteId?.trim() ?? '';
  const site = sites.get(siteId.toLowerCase());
  if (!site)
    problems.push({ field: 'siteId', message: siteId ? `${siteId} is not one of your sites` : 'missing' });
  const periodText = record.period?.trim() ?? '';
  const period = parsePeriod(periodText);
  if (!period) problems.push({ field: 'period', message: `"${periodText}" is not ${PERIOD_FORMAT}` });
  const figures = { attritionNotes: null } as unknown as ReportFigures;
  for (const field of REPORT_COUNTS) {
    const text = record[field]?.trim() ?? '';
    const value = Number(text);
    if (!WHOLE.test(text) || value > MAX_COUNT)
      problems.push({ field, message: `"${text}" is not a whole number from 0 to ${MAX_COUNT}` });
    figures[field] = value;
  }
  const absenteeism = record.absenteeismPct?.trim() ?? '';
  figures.absenteeismPct = Number(absenteeism);
  if (!PERCENT.test(absenteeism) || figures.absenteeismPct > 100)
    problems.push({
      field: 'absenteeismPct',
      message: `"${absenteeism}" is not a percentage from 0 to 100 (2 decimals)`,
    });
  const notes = record.attritionNotes?.trim();
  if (notes && notes.length > MAX_NOTES)
    problems.push({ field: 'attritionNotes', message: `longer than ${MAX_NOTES} characters` });
  figures.attritionNotes = notes || null;
  if (problems.length || !site || !period) return { problems };
  const inconsistent = consistencyProblems(figures, period, site);
  return inconsistent.length ? { problems: inconsistent } : { draft: draftOf(figures, period, site) };
}
