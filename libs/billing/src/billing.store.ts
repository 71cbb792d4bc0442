import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  BillingContractView,
  Currency,
  ExchangeRateView,
  InvoiceLineStatus,
  InvoiceLineView,
  RequestedInterval,
  SlaTerms,
} from '#contracts';
import { BillingError } from './domain/billing.error.js';

type Row = Record<string, unknown>;

export type NewContract = Omit<BillingContractView, 'id' | 'createdAt'>;

/** An invoice line as checked, before it is stored and reviewed. */
export type NewInvoiceLine = Omit<InvoiceLineView, 'id' | 'status' | 'reviews' | 'uploadId' | 'submittedAt'>;

export interface InvoiceLineFilter {
  partnerId?: string;
  siteIds?: readonly string[];
  siteId?: string;
  /** YYYY-MM: lines of the month and of its days */
  month?: string;
  status?: InvoiceLineStatus;
  uploadId?: string;
}

const day = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
      : String(value).slice(0, 10);
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const CONTRACT_SQL = `
  SELECT c.*, coalesce(
           (SELECT json_agg(json_build_object('validFrom', r.valid_from::text, 'validTo', r.valid_to::text,
                                              'amount', r.amount) ORDER BY r.valid_from)
              FROM billing_contract_rate r WHERE r.contract_id = c.id), '[]') AS rates,
         c.valid_from::text AS valid_from_text, c.valid_to::text AS valid_to_text
    FROM billing_contract c`;

const LINE_SQL = `
  SELECT l.*, coalesce(
           (SELECT json_agg(json_build_object('decision', r.decision, 'comment', r.comment, 'by', r.reviewed_by,
                                              'at', r.reviewed_at) ORDER BY r.id)
              FROM billing_invoice_review r WHERE r.line_id = l.id), '[]') AS reviews
    FROM billing_invoice_line l`;

/** The billing context's tables and SQL: contracts and rates, requested hours, invoice lines, reviews. */
@Injectable()
export class BillingStore {
  constructor(private readonly dataSource: DataSource) {}

  async contracts(
    filter: { partnerId?: string; partnerIds?: string[]; id?: string } = {},
  ): Promise<BillingContractView[]> {
    const rows: Row[] = await this.dataSource.query(
      `${CONTRACT_SQL}
        WHERE ($1::uuid IS NULL OR c.partner_id = $1) AND ($2::uuid IS NULL OR c.id = $2)
          AND ($3::uuid[] IS NULL OR c.partner_id = ANY($3::uuid[]))
        ORDER BY c.partner_id, c.site_id NULLS FIRST, c.valid_from`,
      [filter.partnerId ?? null, filter.id ?? null, filter.partnerIds ?? null],
    );
    return rows.map(contractOf);
  }

  async insertContract(contract: NewContract, by: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      // one writer per partner at a time, so two overlapping contracts cannot both pass the check
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('billing_contract:' || $1))`, [
        contract.partnerId,
      ]);
      const [clash]: Row[] = await manager.query(
        `SELECT id FROM billing_contract
          WHERE partner_id = $1 AND site_id IS NOT DISTINCT FROM $2::uuid
            AND (valid_to IS NULL OR valid_to >= $3::date) AND ($4::date IS NULL OR valid_from <= $4::date)
          LIMIT 1`,
        [contract.partnerId, contract.siteId, contract.validFrom, contract.validTo],
      );
      if (clash) throw BillingError.overlappingContract(clash.id as string);
      const [row]: Row[] = await manager.query(
        `INSERT INTO billing_contract (partner_id, site_id, name, basis, currency, valid_from, valid_to,
                                       contracted_seats, billable_states, billable_pause_reasons, sla, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          contract.partnerId,
          contract.siteId,
          contract.name,
          contract.basis,
          contract.currency,
          contract.validFrom,
          contract.validTo,
          contract.contractedSeats,
          contract.billableStates,
          contract.billablePauseReasons,
          JSON.stringify(contract.sla),
          by,
        ],
      );
      await manager.query(
        `INSERT INTO billing_contract_rate (contract_id, valid_from, valid_to, amount)
         SELECT $1, r."validFrom", r."validTo", r.amount
           FROM jsonb_to_recordset($2::jsonb) AS r("validFrom" date, "validTo" date, amount numeric)`,
        [row.id, JSON.stringify(contract.rates)],
      );
      return row.id as string;
    });
  }

  /** Requested hours of a site over [from, to): the current version of each interval, or every version. */
  async requested(
    siteIds: string[],
    from: Date,
    to: Date,
    allVersions = false,
  ): Promise<Array<Omit<RequestedInterval, 'localTime'>>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT r.*, r.version = max(r.version) OVER (PARTITION BY r.site_id, r.interval_start) AS current
         FROM billing_requested_hours r
        WHERE r.site_id = ANY($1::uuid[]) AND r.interval_start >= $2 AND r.interval_start < $3
        ORDER BY r.site_id, r.interval_start, r.version`,
      [siteIds, from, to],
    );
    return rows
      .filter((row) => allVersions || row.current)
      .map((row) => ({
        siteId: row.site_id as string,
        start: (row.interval_start as Date).toISOString(),
        hours: Number(row.hours),
        version: Number(row.version),
        source: row.source as RequestedInterval['source'],
        enteredBy: row.entered_by as string,
        enteredAt: (row.entered_at as Date).toISOString(),
        note: (row.note as string | null) ?? null,
        current: Boolean(row.current),
      }));
  }

  /**
   * Stores requested hours as the next version of each interval whose value changes (an
   * unchanged value adds no version). One writer per site at a time, so versions never collide.
   */
  async saveRequested(
    siteId: string,
    intervals: Array<{ start: Date; hours: number }>,
    by: string,
    source: RequestedInterval['source'],
    note: string | null,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('billing_requested:' || $1))`, [siteId]);
      const rows: Row[] = await manager.query(
        `WITH input AS (
           SELECT * FROM unnest($2::timestamptz[], $3::numeric[]) AS i(start, hours)
         ), current AS (
           SELECT DISTINCT ON (interval_start) interval_start, version, hours
             FROM billing_requested_hours
            WHERE site_id = $1 AND interval_start = ANY($2::timestamptz[])
            ORDER BY interval_start, version DESC
         )
         INSERT INTO billing_requested_hours (site_id, interval_start, version, hours, source, entered_by, note)
         SELECT $1, i.start, coalesce(c.version, 0) + 1, i.hours, $4, $5, $6
           FROM input i LEFT JOIN current c ON c.interval_start = i.start
          WHERE c.hours IS DISTINCT FROM i.hours
         RETURNING interval_start`,
        [
          siteId,
          intervals.map((interval) => interval.start),
          intervals.map((interval) => interval.hours),
          source,
          by,
          note,
        ],
      );
      return rows.length;
    });
  }

  /** Exchange rates of months from..to (YYYY-MM, inclusive; null: open): current versions, or every version. */
  async exchangeRates(
    filter: { currency?: string; from?: string; to?: string; months?: string[] },
    allVersions = false,
  ): Promise<ExchangeRateView[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT x.*, x.version = max(x.version) OVER (PARTITION BY x.currency, x.month) AS current
         FROM billing_exchange_rate x
        WHERE ($1::text IS NULL OR x.currency = $1) AND ($2::text IS NULL OR x.month >= $2)
          AND ($3::text IS NULL OR x.month <= $3) AND ($4::text[] IS NULL OR x.month = ANY($4::text[]))
        ORDER BY x.currency, x.month, x.version`,
      [filter.currency ?? null, filter.from ?? null, filter.to ?? null, filter.months ?? null],
    );
    return rows
      .filter((row) => allVersions || row.current)
      .map((row) => ({
        currency: row.currency as Currency,
        month: row.month as string,
        eurPerUnit: Number(row.eur_per_unit),
        version: Number(row.version),
        enteredBy: row.entered_by as string,
        enteredAt: (row.entered_at as Date).toISOString(),
        note: (row.note as string | null) ?? null,
        current: Boolean(row.current),
      }));
  }

  /**
   * Stores a month's exchange rate as the next version of its currency and month when it changes
   * (an unchanged rate adds no version). One writer per currency and month at a time.
   */
  async saveExchangeRate(
    rate: Pick<ExchangeRateView, 'currency' | 'month' | 'eurPerUnit' | 'note'>,
    by: string,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('billing_exchange_rate:' || $1 || $2))`, [
        rate.currency,
        rate.month,
      ]);
      const rows: Row[] = await manager.query(
        `WITH current AS (
           SELECT version, eur_per_unit FROM billing_exchange_rate
            WHERE currency = $1 AND month = $2 ORDER BY version DESC LIMIT 1
         )
         INSERT INTO billing_exchange_rate (currency, month, version, eur_per_unit, entered_by, note)
         SELECT $1, $2, coalesce((SELECT version FROM current), 0) + 1, $3, $4, $5
          WHERE (SELECT eur_per_unit FROM current) IS DISTINCT FROM $3::numeric
         RETURNING version`,
        [rate.currency, rate.month, rate.eurPerUnit, by, rate.note],
      );
      return rows.length > 0;
    });
  }

  /** Stores a batch of checked invoice lines (all or nothing). */
  async insertInvoiceLines(lines: NewInvoiceLine[], by: string, uploadId: string | null): Promise<string[]> {
    const rows: Row[] = await this.dataSource.query(
      `INSERT INTO billing_invoice_line (partner_id, site_id, period, hours, amount, currency, reference,
                                         delivered_hours, expected_amount, difference, flagged, flag_reason,
                                         upload_id, submitted_by)
       SELECT l."partnerId", l."siteId", l.period, l.hours, l.amount, l.currency, l.reference, l."deliveredHours",
              l."expectedAmount", l.difference, l.flagged, l."flagReason", $2, $3
         FROM jsonb_to_recordset($1::jsonb) AS l("partnerId" uuid, "siteId" uuid, period text,
              hours numeric, amount numeric, currency text, reference text, "deliveredHours" numeric,
              "expectedAmount" numeric, difference numeric, flagged boolean, "flagReason" text, n bigint)
        ORDER BY n
       RETURNING id`,
      [JSON.stringify(lines.map((line, n) => ({ ...line, n }))), uploadId, by],
    );
    return rows.map((row) => row.id as string);
  }

  async invoiceLines(filter: InvoiceLineFilter, ids?: string[]): Promise<InvoiceLineView[]> {
    const rows: Row[] = await this.dataSource.query(
      `${LINE_SQL}
        WHERE ($1::uuid IS NULL OR l.partner_id = $1)
          AND ($2::uuid[] IS NULL OR l.site_id = ANY($2::uuid[]))
          AND ($3::uuid IS NULL OR l.site_id = $3)
          AND ($4::text IS NULL OR l.period = $4 OR l.period LIKE $4 || '-__')
          AND ($5::text IS NULL OR l.status = $5)
          AND ($6::uuid IS NULL OR l.upload_id = $6)
          AND ($7::uuid[] IS NULL OR l.id = ANY($7::uuid[]))
        ORDER BY l.submitted_at, l.site_id, l.period
        LIMIT 5000`,
      [
        filter.partnerId ?? null,
        filter.siteIds ?? null,
        filter.siteId ?? null,
        filter.month ?? null,
        filter.status ?? null,
        filter.uploadId ?? null,
        ids ?? null,
      ],
    );
    return rows.map(lineOf);
  }

  /**
   * Records a manager's decision on a line and moves its status, in one transaction (the line
   * locked, so two reviews are applied one after the other). Null when the line does not exist.
   */
  async review(id: string, decision: 'accepted' | 'disputed', comment: string, by: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const found: Row[] = await manager.query(
        `SELECT id FROM billing_invoice_line WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!found.length) return false;
      await manager.query(
        `INSERT INTO billing_invoice_review (line_id, decision, comment, reviewed_by) VALUES ($1, $2, $3, $4)`,
        [id, decision, comment, by],
      );
      await manager.query(`UPDATE billing_invoice_line SET status = $2 WHERE id = $1`, [id, decision]);
      return true;
    });
  }
}

function contractOf(row: Row): BillingContractView {
  return {
    id: row.id as string,
    partnerId: row.partner_id as string,
    siteId: (row.site_id as string | null) ?? null,
    name: row.name as string,
    basis: row.basis as BillingContractView['basis'],
    currency: row.currency as Currency,
    validFrom: row.valid_from_text as string,
    validTo: (row.valid_to_text as string | null) ?? null,
    contractedSeats: num(row.contracted_seats),
    billableStates: row.billable_states as BillingContractView['billableStates'],
    billablePauseReasons: row.billable_pause_reasons as BillingContractView['billablePauseReasons'],
    rates: (row.rates as Array<{ validFrom: string; validTo: string | null; amount: number }>).map(
      (rate) => ({
        validFrom: day(rate.validFrom)!,
        validTo: day(rate.validTo),
        amount: Number(rate.amount),
      }),
    ),
    sla: row.sla as SlaTerms,
    createdAt: (row.created_at as Date).toISOString(),
  };
}

function lineOf(row: Row): InvoiceLineView {
  return {
    id: row.id as string,
    partnerId: row.partner_id as string,
    siteId: row.site_id as string,
    period: row.period as string,
    hours: Number(row.hours),
    amount: Number(row.amount),
    currency: row.currency as Currency,
    reference: (row.reference as string | null) ?? null,
    deliveredHours: num(row.delivered_hours),
    expectedAmount: num(row.expected_amount),
    difference: num(row.difference),
    flagged: Boolean(row.flagged),
    flagReason: (row.flag_reason as string | null) ?? null,
    status: row.status as InvoiceLineStatus,
    reviews: (
      row.reviews as Array<{ decision: 'accepted' | 'disputed'; comment: string; by: string; at: string }>
    ).map((review) => ({ ...review, at: new Date(review.at).toISOString() })),
    uploadId: (row.upload_id as string | null) ?? null,
    submittedAt: (row.submitted_at as Date).toISOString(),
  };
}
