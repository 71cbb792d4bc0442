import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { isStorableText, readCsvHead } from '#core';
import { CSV_COLUMNS, type CsvLayout, parseReportRow, REQUIRED_CSV_COLUMNS } from '../domain/report-row.js';
import type { ReportDraft, ReportSite } from '../domain/report-rules.js';
import { MAX_ROW_PROBLEMS, type RowProblem, StaffingError } from '../domain/staffing.error.js';

export const MAX_UPLOAD_ROWS = 500_000;

export interface ParsedUpload {
  drafts: ReportDraft[];
  /** sha256 of the file's bytes, for Idempotency-Key */
  hash: string;
  /** why the file is refused (bad rows, no rows); thrown by the caller unless it replays an answer */
  refusal?: StaffingError;
}

/**
 * Reads a staffing CSV (header line, then one report per line; comma, semicolon or tab separated,
 * UTF-8 or Windows-1252, see readCsvHead) as it streams in, checking every
 * row inside csv-parse's record hook (line numbers from its context). Any bad row refuses the
 * whole file with every problem's line number (the first MAX_ROW_PROBLEMS listed); nothing is
 * written before the whole file is known to be good.
 */
export async function readReportCsv(stream: Readable, sites: Map<string, ReportSite>): Promise<ParsedUpload> {
  const hash = createHash('sha256');
  const drafts: ReportDraft[] = [];
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const note = (problem: RowProblem) => {
    problemCount++;
    if (problems.length < MAX_ROW_PROBLEMS) problems.push(problem);
  };
  /** line of the first row for each site and period, to refuse the same report twice in one file */
  const seen = new Map<string, number>();
  let layout: CsvLayout | undefined;
  let width = 0;

  const head = await readCsvHead(stream);
  const parser = parse({
    bom: true,
    delimiter: head.delimiter,
    skip_empty_lines: true,
    max_record_size: 64 * 1024,
    relax_column_count: true,
    on_record: (values: string[], context) => {
      const line = context.lines;
      if (!layout) {
        layout = layoutOf(values.map((name) => name.trim()));
        width = values.length;
        return undefined;
      }
      if (values.length !== width) {
        note({
          line,
          field: '*',
          message: `expected ${width} values as in the header, found ${values.length}`,
        });
        return undefined;
      }
      const unreadable = values.findIndex((value) => !isStorableText(value));
      if (unreadable >= 0) {
        note({
          line,
          field: layoutField(layout, unreadable),
          message: 'holds a NUL character or invalid text',
        });
        return undefined;
      }
      if (drafts.length + problemCount >= MAX_UPLOAD_ROWS)
        throw StaffingError.invalidUpload(`A file holds at most ${MAX_UPLOAD_ROWS} reports; split it.`);
      const result = parseReportRow(values, layout, sites);
      if (result.problems) {
        for (const problem of result.problems) note({ line, field: problem.field, message: problem.message });
        return undefined;
      }
      const key = `${result.draft.siteId}|${result.draft.period}`;
      const first = seen.get(key);
      if (first !== undefined)
        note({
          line,
          field: 'period',
          message: `repeats the report of line ${first} (same site and period)`,
        });
      else {
        seen.set(key, line);
        drafts.push(result.draft);
      }
      return undefined;
    },
  });
  try {
    await pipeline(
      head.stream,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          yield chunk;
        }
      },
      parser,
    );
  } catch (error) {
    if (error instanceof StaffingError) throw error;
    if (!(error instanceof CsvError)) throw error;
    const csv = error as CsvError & { lines?: number };
    if (!layout) throw StaffingError.invalidUpload(`The CSV header is not usable: ${csv.message}`);
    note({ line: csv.lines ?? 0, field: '*', message: csv.message });
  }
  const refusal = problemCount
    ? StaffingError.invalidRows(problems, problemCount)
    : drafts.length
      ? undefined
      : StaffingError.invalidUpload('The file holds no report rows under its header.');
  return { drafts, hash: hash.digest('hex'), refusal };
}

/** The column name at a position of the file's layout. */
function layoutField(layout: CsvLayout, index: number): string {
  return Object.entries(layout).find(([, position]) => position === index)?.[0] ?? '*';
}

function layoutOf(header: string[]): CsvLayout {
  const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED_CSV_COLUMNS.filter((name) => !header.includes(name));
  if (unknown.length || missing.length)
    throw StaffingError.invalidUpload(
      `The CSV header must name the columns ${CSV_COLUMNS.join(',')} (attritionNotes optional).` +
        (missing.length ? ` Missing: ${missing.join(', ')}.` : '') +
        (unknown.length ? ` Unknown: ${unknown.join(', ')}.` : ''),
    );
  return Object.fromEntries(CSV_COLUMNS.map((name) => [name, header.indexOf(name)])) as CsvLayout;
}
