import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { parseReportRow, CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from '../domain/report-row.js';
import type { ReportDraft, ReportSite } from '../domain/report-rules.js';
import { MAX_ROW_PROBLEMS, StaffingError, type RowProblem } from '../domain/staffing.error.js';

export const MAX_UPLOAD_ROWS = 500_000;

export interface ParsedUpload {
  drafts: ReportDraft[];
  /** sha256 of the file's bytes, for Idempotency-Key */
  hash: string;
}

/**
 * Reads a staffing CSV (header line, then one report per line) as it streams in, checking every
 * row. Any bad row refuses the whole file with every problem's line number (the first
 * MAX_ROW_PROBLEMS listed); nothing is written before the whole file is known to be good.
 */
export async function readReportCsv(stream: Readable, sites: Map<string, ReportSite>): Promise<ParsedUpload> {
  const hash = createHash('sha256');
  stream.on('data', (chunk: Buffer) => hash.update(chunk));
  const parser = stream.pipe(
    parse({
      bom: true,
      columns: checkHeader,
      skip_empty_lines: true,
      trim: true,
      info: true,
      max_record_size: 64 * 1024,
    }),
  );
  const drafts: ReportDraft[] = [];
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const note = (problem: RowProblem) => {
    problemCount++;
    if (problems.length < MAX_ROW_PROBLEMS) problems.push(problem);
  };
  /** line of the first row for each site and period, to refuse the same report twice in one file */
  const seen = new Map<string, number>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (drafts.length + problemCount >= MAX_UPLOAD_ROWS)
        throw StaffingError.invalidUpload(`A file holds at most ${MAX_UPLOAD_ROWS} reports; split it.`);
      const result = parseReportRow(record, sites);
      if (result.problems) {
        for (const problem of result.problems) note({ line, ...problem });
        continue;
      }
      const key = `${result.draft.siteId}|${result.draft.period}`;
      const first = seen.get(key);
      if (first !== undefined) {
        note({
          line,
          field: 'period',
          message: `repeats the report of line ${first} (same site and period)`,
        });
        continue;
      }
      seen.set(key, line);
      drafts.push(result.draft);
    }
  } catch (error) {
    if (error instanceof StaffingError) throw error;
    const csv = error as CsvError & { lines?: number };
    if (!csv.code?.startsWith('CSV_')) throw error;
    if (csv.code === 'CSV_INVALID_COLUMN_MAPPING' || (csv.lines ?? 0) <= 1)
      throw StaffingError.invalidUpload(`The CSV header is not usable: ${csv.message}`);
    note({ line: csv.lines ?? 0, field: '*', message: csv.message });
  }
  if (problemCount) throw StaffingError.invalidRows(problems, problemCount);
  if (!drafts.length) throw StaffingError.invalidUpload('The file holds no report rows under its header.');
  return { drafts, hash: hash.digest('hex') };
}

function checkHeader(header: string[]): string[] {
  const names = header.map((name) => name.trim());
  const unknown = names.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED_CSV_COLUMNS.filter((name) => !names.includes(name));
  if (unknown.length || missing.length)
    throw StaffingError.invalidUpload(
      `The CSV header must name the columns ${CSV_COLUMNS.join(',')} (attritionNotes optional).` +
        (missing.length ? ` Missing: ${missing.join(', ')}.` : '') +
        (unknown.length ? ` Unknown: ${unknown.join(', ')}.` : ''),
    );
  return names;
}
