import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import type { InvoiceLineView, InvoiceUploadResult } from '#contracts';
import { decodeCsv, parseCsvNumber, type SiteScope } from '#core';
import type { Site } from '#network';
import { BillingStore, type NewInvoiceLine } from '../billing.store.js';
import { BillingError, type RowProblem } from '../domain/billing.error.js';
import { periodSpan } from '../domain/calendar.js';
import { contractFor } from '../domain/contract.js';
import { sumDays } from '../domain/delivered.js';
import { checkInvoiceLine } from '../domain/invoice.js';
import { BillingSites } from './billing-sites.js';
import { InvoiceLineDto, type InvoiceLineQuery, type ReviewDto } from './billing.dto.js';
import { ContractsService } from './contracts.service.js';
import { DeliveredHoursService } from './delivered-hours.service.js';

export const INVOICE_CSV_COLUMNS = ['siteId', 'period', 'hours', 'amount', 'currency', 'reference'] as const;
const REQUIRED_COLUMNS = ['siteId', 'period', 'hours', 'amount'];
export const MAX_INVOICE_CSV_BYTES = 5 * 1024 * 1024;
const NUMERIC_COLUMNS = ['hours', 'amount'] as const;

/**
 * Invoice lines sent by partners: each checked against the delivered hours and the contract
 * (expected amount, flagged beyond tolerance) and stored all or nothing; managers accept or
 * dispute each line with a comment. A partner sees and sends only its own sites' lines.
 */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly store: BillingStore,
    private readonly sites: BillingSites,
    private readonly contracts: ContractsService,
    private readonly delivered: DeliveredHoursService,
  ) {}

  async submit(scope: SiteScope, by: string, lines: InvoiceLineDto[], uploadId: string | null = null) {
    const sites = new Map<string, Site>();
    for (const line of lines) {
      const id = line.siteId.toLowerCase();
      if (!sites.has(id)) sites.set(id, await this.sites.site(scope, id));
    }
    const problems: RowProblem[] = [];
    lines.forEach((line, index) => {
      try {
        periodSpan(line.period, sites.get(line.siteId.toLowerCase())!.timeZone);
      } catch (error) {
        problems.push({ line: index + 1, field: 'period', message: (error as Error).message });
      }
    });
    if (problems.length) throw BillingError.invalidRows(problems, problems.length);
    const checked: NewInvoiceLine[] = [];
    for (const line of lines) {
      const site = sites.get(line.siteId.toLowerCase())!;
      const span = periodSpan(line.period, site.timeZone);
      const contract = contractFor(await this.contracts.ofPartner(site.partnerId), site.id, span.days[0]);
      const sums = sumDays(await this.delivered.over(site, span));
      const currency = line.currency ?? contract?.currency ?? 'EUR';
      const check = checkInvoiceLine({ amount: line.amount, hours: line.hours, currency }, contract, {
        amount: sums.expectedAmount,
        billableHours: sums.billableHours,
      });
      checked.push({
        partnerId: site.partnerId,
        siteId: site.id,
        period: line.period,
        hours: line.hours,
        amount: line.amount,
        currency,
        reference: line.reference?.trim() || null,
        deliveredHours: sums.billableHours,
        expectedAmount: sums.expectedAmount,
        ...check,
      });
    }
    const ids = await this.store.insertInvoiceLines(checked, by, uploadId);
    return this.store.invoiceLines({}, ids);
  }

  /**
   * A CSV (header `siteId,period,hours,amount[,currency,reference]`, `,` or `;` between fields, decimal
   * point or comma): every row checked, all or nothing.
   */
  async upload(scope: SiteScope, by: string, csv: Buffer): Promise<InvoiceUploadResult> {
    if (csv.length > MAX_INVOICE_CSV_BYTES) throw BillingError.invalidUpload('The file is over 5 MB.');
    let records: Array<Record<string, string>>;
    try {
      const { delimiter, text } = decodeCsv(csv);
      records = parse(text, {
        bom: true,
        delimiter,
        columns: (header: string[]) => header.map((name) => name.trim()),
        skip_empty_lines: true,
        trim: true,
      });
    } catch (error) {
      throw BillingError.invalidUpload(
        `The file is not valid CSV: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (!records.length) throw BillingError.invalidUpload('The file has no invoice lines after its header.');
    const header = Object.keys(records[0]);
    const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
    if (missing.length)
      throw BillingError.invalidUpload(
        `Missing column(s) ${missing.join(', ')}; the header is ${INVOICE_CSV_COLUMNS.join(',')} (currency and reference optional).`,
      );
    const problems: RowProblem[] = [];
    const lines: InvoiceLineDto[] = [];
    for (const [index, record] of records.entries()) {
      const line = index + 2;
      const unknown = Object.keys(record).filter(
        (key) => !(INVOICE_CSV_COLUMNS as readonly string[]).includes(key),
      );
      const found: RowProblem[] = unknown.map((field) => ({ line, field, message: 'is not a known column' }));
      // decimal commas and space-grouped thousands as French Excel writes them; an ambiguous value is refused
      const numbers: Partial<Record<(typeof NUMERIC_COLUMNS)[number], number | string>> = {};
      for (const field of NUMERIC_COLUMNS) {
        const cell = record[field] ?? '';
        const parsed = cell.trim() ? parseCsvNumber(cell) : null;
        if (parsed?.problem !== undefined) found.push({ line, field, message: parsed.problem });
        numbers[field] = parsed?.value ?? cell;
      }
      const dto = plainToInstance(InvoiceLineDto, {
        siteId: record.siteId,
        period: record.period,
        ...numbers,
        currency: record.currency || undefined,
        reference: record.reference || undefined,
      });
      for (const error of await validate(dto))
        if (!found.some((problem) => problem.field === error.property))
          found.push({
            line,
            field: error.property,
            message: Object.values(error.constraints ?? {}).join('; '),
          });
      // in the order of the columns (unknown ones first)
      const column = (field: string) => (INVOICE_CSV_COLUMNS as readonly string[]).indexOf(field);
      problems.push(...found.sort((a, b) => column(a.field) - column(b.field)));
      lines.push(dto);
    }
    if (problems.length) throw BillingError.invalidRows(problems, problems.length);
    const uploadId = randomUUID();
    const stored = await this.submit(scope, by, lines, uploadId);
    return {
      uploadId,
      accepted: stored.length,
      flagged: stored.filter((line) => line.flagged).length,
      lines: stored,
    };
  }

  list(scope: SiteScope, query: InvoiceLineQuery): Promise<InvoiceLineView[]> {
    return this.store.invoiceLines({ ...query, partnerId: scope.partnerId, siteIds: scope.siteIds });
  }

  async get(scope: SiteScope, id: string): Promise<InvoiceLineView> {
    const [line] = await this.store.invoiceLines({ partnerId: scope.partnerId, siteIds: scope.siteIds }, [
      id,
    ]);
    if (!line) throw BillingError.invoiceLineNotFound(id);
    return line;
  }

  /** A manager's decision on a line, with the comment kept beside it (the audit trail records the write). */
  async review(scope: SiteScope, by: string, id: string, dto: ReviewDto): Promise<InvoiceLineView> {
    await this.get(scope, id);
    if (!(await this.store.review(id, dto.decision, dto.comment.trim(), by)))
      throw BillingError.invoiceLineNotFound(id);
    return this.get(scope, id);
  }
}
