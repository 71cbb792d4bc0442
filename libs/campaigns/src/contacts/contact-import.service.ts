import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { CsvError, type Options as CsvOptions, parse } from 'csv-parse';
import { DateTime } from 'luxon';
import type { ImportRejection } from '#contracts';
import { Clock, EventBus, isStorableText, readCsvHead, type SiteScope, SpooledUpload } from '#core';
import { JobQueue } from '#jobs';
import { CampaignsOptions } from '../campaigns.options.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { CampaignsStore } from '../campaigns/campaigns.store.js';
import { CampaignsError, CampaignsErrorCode } from '../domain/campaigns.error.js';
import type { ContactImport } from '../domain/contact-import.entity.js';
import {
  CONTACT_COLUMNS,
  type ContactColumn,
  ContactRowValidator,
  isRejected,
  type RejectedRow,
  REQUIRED_COLUMNS,
  type StagedContact,
} from './contact-row.js';
import { ContactsStore, type ImportStaging, type StageCounts } from './contacts.store.js';
import { importProgressEvent } from './import-progress.js';

const EDITABLE = ['draft', 'scheduled', 'running', 'paused'];

/** The id of an import's merge job (one per import: BullMQ drops a second one while the first exists). */
export const importJobId = (importId: string) => `campaigns.import-${importId}`;

/**
 * Takes a contacts CSV into the staging table. The upload is first spooled to a private temporary
 * file, so no transaction (nor pooled connection) waits on a slow client; the file is then read
 * into staging in one transaction, so a malformed file leaves nothing behind: each row is checked
 * (French consumer number normalised to E.164, lawful basis with its evidence) and written with COPY. The `campaigns.import` job then merges
 * the staged rows into the campaign. Row values never reach logs; rejections name lines and reasons.
 */
@Injectable()
export class ContactImportService {
  constructor(
    private readonly store: ContactsStore,
    private readonly campaignStore: CampaignsStore,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly jobs: JobQueue,
    private readonly options: CampaignsOptions,
    private readonly campaigns: CampaignsService,
  ) {}

  async start(campaignId: string, upload: Readable, createdBy: string): Promise<ContactImport> {
    try {
      await this.checkEditable(campaignId);
    } catch (error) {
      upload.resume();
      throw error;
    }
    const file = await SpooledUpload.receive(upload, { name: 'contacts' });
    try {
      await this.checkEditable(campaignId); // a slow upload: the campaign may have ended meanwhile
      return await this.stageFile(campaignId, file.open(), createdBy);
    } finally {
      await file.discard();
    }
  }

  private async checkEditable(campaignId: string): Promise<void> {
    const campaign = await this.campaignStore.byId(campaignId);
    if (!campaign) throw CampaignsError.campaignNotFound(campaignId);
    if (!EDITABLE.includes(campaign.status)) throw CampaignsError.notEditable(campaignId, campaign.status);
  }

  private async stageFile(campaignId: string, csv: Readable, createdBy: string): Promise<ContactImport> {
    const id = await this.stageInTransaction(campaignId, csv, createdBy);
    // read after the staging connection is back in the pool: holding one while asking for another
    // deadlocks once as many uploads as the pool has connections finish together
    const created = (await this.store.importById(id))!;
    this.events.publish('import.progress', importProgressEvent(created, this.clock.now()));
    await this.jobs.enqueue('campaigns.import', { importId: id }, { jobId: importJobId(id) });
    return created;
  }

  private async stageInTransaction(campaignId: string, csv: Readable, createdBy: string): Promise<string> {
    try {
      return await this.store.stageImport(campaignId, createdBy, (staging) => this.stage(csv, staging));
    } catch (error) {
      csv.destroy();
      throw error;
    }
  }

  /** The import, if the caller may see its campaign (one of the caller's sites works it). */
  async get(scope: SiteScope, id: string): Promise<{ job: ContactImport; rejections: ImportRejection[] }> {
    const job = await this.store.importById(id);
    if (!job) throw CampaignsError.importNotFound(id);
    if (scope.partnerId || scope.siteIds)
      await this.campaigns.get(scope, job.campaignId).catch((error: unknown) => {
        throw error instanceof CampaignsError && error.code === CampaignsErrorCode.CampaignNotFound
          ? CampaignsError.importNotFound(id)
          : error;
      });
    return { job, rejections: await this.store.rejections(id, this.options.reportRejections) };
  }

  private async stage(csv: Readable, staging: ImportStaging): Promise<StageCounts> {
    const today = DateTime.fromJSDate(this.clock.now(), { zone: 'Europe/Paris' }).toISODate()!;
    const validator = new ContactRowValidator(today);
    // arrays, not objects, and the line number taken in on_record: the cheapest way through csv-parse
    // comma, semicolon (French Excel) or tab; UTF-8 or Windows-1252
    const head = await readCsvHead(csv);
    const parser = head.stream.pipe(
      parse({
        bom: true,
        delimiter: head.delimiter,
        skip_empty_lines: true,
        relax_column_count: true,
        trim: false,
        max_record_size: 64 * 1024,
        on_record: withLineNumber,
      }),
    );
    head.stream.on('error', (error) => parser.destroy(error));
    const counts: StageCounts = {
      rows: 0,
      valid: 0,
      rejected: 0,
      clocks: { address: 0, number: 0, fallback: 0 },
    };
    let header: HeaderIndex | undefined;
    let stagedRows: StagedContact[] = [];
    let rejectedRows: RejectedRow[] = [];
    // one write in flight while the next rows are parsed: the database and the parser work side by side
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      const [stagedBatch, rejectedBatch] = [stagedRows, rejectedRows];
      stagedRows = [];
      rejectedRows = [];
      writing = staging.write(stagedBatch, rejectedBatch);
      // awaited by the next flush; marked handled so a failure waits for it instead of crashing
      writing.catch(() => undefined);
    };
    try {
      for await (const [line, fields] of parser as AsyncIterable<[number, string[]]>) {
        if (!header) {
          header = checkHeader(fields);
          continue;
        }
        counts.rows++;
        const checked =
          fields.length !== header.width
            ? { line, reason: 'wrong_number_of_fields' }
            : !fields.every(isStorableText)
              ? { line, reason: 'invalid_text' }
              : validator.check(line, header.read(fields));
        if (isRejected(checked)) {
          counts.rejected++;
          rejectedRows.push(checked);
        } else {
          counts.valid++;
          counts.clocks[checked.clockSource]++;
          stagedRows.push(checked);
        }
        if (stagedRows.length + rejectedRows.length >= this.options.stagingFlush) await flush();
      }
    } catch (error) {
      // the transaction is rolled back by the caller: let the write in flight finish first
      await writing.catch(() => undefined);
      if (error instanceof CampaignsError) throw error;
      if (error instanceof CsvError)
        throw CampaignsError.malformedCsv(lineOf(error), describeCsvError(error));
      throw error;
    }
    await flush();
    await writing;
    if (!header) throw CampaignsError.emptyCsv();
    if (!counts.rows) throw CampaignsError.emptyCsv('The CSV has a header but no contact rows.');
    return counts;
  }
}

/** Each record as [line, fields] (csv-parse's types only know records of strings). */
const withLineNumber = ((record: string[], context: { lines: number }) => [
  context.lines,
  record,
]) as unknown as CsvOptions['on_record'];

interface HeaderIndex {
  width: number;
  read(fields: string[]): Partial<Record<ContactColumn, string>>;
}

function checkHeader(header: string[]): HeaderIndex {
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length) throw CampaignsError.missingColumns(missing, CONTACT_COLUMNS);
  const known = CONTACT_COLUMNS.map((column) => [column, names.indexOf(column)] as const).filter(
    ([, index]) => index >= 0,
  );
  return {
    width: header.length,
    read: (fields) => {
      const row: Partial<Record<ContactColumn, string>> = {};
      for (const [column, index] of known) row[column] = fields[index];
      return row;
    },
  };
}

function lineOf(error: CsvError): number | undefined {
  return (error as CsvError & { lines?: number }).lines;
}

/** The parser's own message can quote the row: keep only its kind. */
function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote is followed by characters other than a separator';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a row is longer than 64 KiB';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'characters follow a closing quote';
    default:
      return `the file could not be parsed (${error.code})`;
  }
}
