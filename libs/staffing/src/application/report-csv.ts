import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { isStorableText, readCsvHead } from '#core';
import { CSV_COLUMNS, type CsvLayout, parseReportRow, REQUIRED_CSV_COLUMNS } from '../domain/report-row.js';
import type { ReportDraft, ReportSite } from '../domain/report-rules.js';
import { MAX_ROW_PROBLEMS, type RowProblem, StaffingError } from '../domain/staffing.error.js';

export const MAX_UPLOAD_ROWS = 500_000;
/** The largest file taken: MAX_UPLOAD_ROWS reports of ~500 bytes. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export interface CheckedUpload {
  /** every good report of the file, in file order */
  drafts: ReportDraft[];
  /** why the file is refused (bad rows, no rows); thrown by the caller unless it replays an answer */
  refusal?: StaffingError;
}

/**
 * A staffing CSV being read (header line, then one report per line; comma, semicolon or tab
 * separated, UTF-8 or Windows-1252, see readCsvHead), every row checked inside csv-parse's record
 * hook (line numbers from its context). Any bad row refuses the whole file with every problem's
 * line number (the first MAX_ROW_PROBLEMS listed): `checked` says so once the whole file is read.
 * Meanwhile `goodSoFar()` hands out the good reports as they are read, so that a writer can store
 * them while the rest is parsed; it ends with the file, or at the first bad row (whatever was
 * written from it must then be rolled back).
 */
export class ReportCsvReading {
  readonly checked: Promise<CheckedUpload>;
  private readonly drafts: ReportDraft[] = [];
  private readonly problems: RowProblem[] = [];
  private problemCount = 0;
  private finished = false;
  private wake?: () => void;
  private source?: Readable;

  constructor(stream: Readable, sites: Map<string, ReportSite>) {
    this.checked = this.read(stream, sites).finally(() => {
      this.finished = true;
      this.wakeReader();
    });
    // a writer that stopped early may never ask: the refusal still reaches whoever awaits `checked`
    this.checked.catch(() => undefined);
  }

  async *goodSoFar(): AsyncGenerator<ReportDraft> {
    let next = 0;
    for (;;) {
      while (next < this.drafts.length && !this.problemCount) yield this.drafts[next++];
      if (this.problemCount || this.finished) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Stops reading the file (its writer failed). */
  stop(): void {
    this.source?.destroy();
  }

  private wakeReader(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private note(problem: RowProblem): void {
    this.problemCount++;
    if (this.problems.length < MAX_ROW_PROBLEMS) this.problems.push(problem);
    this.wakeReader();
  }

  private async read(stream: Readable, sites: Map<string, ReportSite>): Promise<CheckedUpload> {
    const { drafts } = this;
    /** line of the first row for each site and period, to refuse the same report twice in one file */
    const seen = new Map<string, number>();
    let layout: CsvLayout | undefined;
    let width = 0;

    this.source = stream;
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
          this.note({
            line,
            field: '*',
            message: `expected ${width} values as in the header, found ${values.length}`,
          });
          return undefined;
        }
        const unreadable = values.findIndex((value) => !isStorableText(value));
        if (unreadable >= 0) {
          this.note({
            line,
            field: layoutField(layout, unreadable),
            message: 'holds a NUL character or invalid text',
          });
          return undefined;
        }
        if (drafts.length + this.problemCount >= MAX_UPLOAD_ROWS)
          throw StaffingError.invalidUpload(`A file holds at most ${MAX_UPLOAD_ROWS} reports; split it.`);
        const result = parseReportRow(values, layout, sites);
        if (result.problems) {
          for (const problem of result.problems)
            this.note({ line, field: problem.field, message: problem.message });
          return undefined;
        }
        const key = `${result.draft.siteId}|${result.draft.period}`;
        const first = seen.get(key);
        if (first !== undefined)
          this.note({
            line,
            field: 'period',
            message: `repeats the report of line ${first} (same site and period)`,
          });
        else {
          seen.set(key, line);
          drafts.push(result.draft);
          if (drafts.length % 1_000 === 0) this.wakeReader();
        }
        return undefined;
      },
    });
    try {
      await pipeline(head.stream, parser);
    } catch (error) {
      if (error instanceof StaffingError) throw error;
      if (!(error instanceof CsvError)) throw error;
      const csv = error as CsvError & { lines?: number };
      if (!layout) throw StaffingError.invalidUpload(`The CSV header is not usable: ${csv.message}`);
      this.note({ line: csv.lines ?? 0, field: '*', message: csv.message });
    }
    const refusal = this.problemCount
      ? StaffingError.invalidRows(this.problems, this.problemCount)
      : drafts.length
        ? undefined
        : StaffingError.invalidUpload('The file holds no report rows under its header.');
    return { drafts, refusal };
  }
}

/**
 * The caller's sites whose id is written in the file, in lower or upper case (an id in a note
 * counts too), found without parsing the CSV: a native text search per site not yet found,
 * stopping once all are (~30 ms in bench:staffing: 100,000 rows, 107 sites). An id the file writes in mixed
 * case is not found: the writer then falls back to the locked write. The encodings a CSV may use
 * here (UTF-8, Windows-1252) write an id's characters as the same bytes.
 */
export async function sitesNamedIn(stream: Readable, sites: Map<string, ReportSite>): Promise<string[]> {
  const unseen = new Map(
    [...sites.values()].map((site) => [site.id, [site.id.toLowerCase(), site.id.toUpperCase()]]),
  );
  const named: string[] = [];
  let tail = '';
  for await (const chunk of stream) {
    const text = tail + (typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('latin1'));
    for (const [id, spellings] of unseen)
      if (spellings.some((spelling) => text.includes(spelling))) {
        named.push(id);
        unseen.delete(id);
      }
    if (!unseen.size) break;
    tail = text.slice(-35); // an id cut by the chunk's end is found whole with the next
  }
  return named;
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
