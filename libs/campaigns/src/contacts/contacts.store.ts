import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, type QueryRunner } from 'typeorm';
import type { ImportRejection, ImportStatus } from '#contracts';
import { copyRows } from '#db';
import type { ClockSource } from '../compliance/consumer-regions.js';
import { ContactImport } from '../domain/contact-import.entity.js';
import type { RejectedRow, StagedContact } from './contact-row.js';
import { countedContactSql } from './counted-contacts.js';
import type { NormalisedPhone } from './phone-number.js';

/** What staging counted of a file. */
export interface StageCounts {
  rows: number;
  valid: number;
  rejected: number;
  /** valid rows by where the consumer's clock came from */
  clocks: Record<ClockSource, number>;
}

/** The last refresh of the opposition list. */
export interface OppositionListRefresh {
  refreshed_at: Date;
  source: string;
  numbers: number;
  added: number;
}

const STAGED_COLUMNS = [
  'import_id',
  'line',
  'phone',
  'region',
  'time_zone',
  'first_name',
  'last_name',
  'lawful_basis',
  'consent_date',
  'consent_proof',
  'contract_ref',
  'contract_offer',
  'contract_ends_on',
  'calendar',
  'clock_source',
] as const;
const REJECTION_COLUMNS = ['import_id', 'line', 'reason'] as const;

/** Writes an import's checked rows and rejections into staging, inside the import's transaction, with COPY. */
export class ImportStaging {
  constructor(
    private readonly runner: QueryRunner,
    readonly importId: string,
  ) {}

  async write(staged: readonly StagedContact[], rejected: readonly RejectedRow[]): Promise<void> {
    if (staged.length)
      await copyRows(
        this.runner,
        'contact_import_row',
        STAGED_COLUMNS,
        staged.map((row) => [
          this.importId,
          row.line,
          row.phone,
          row.region,
          row.timeZone,
          row.firstName,
          row.lastName,
          row.lawfulBasis,
          row.consentDate,
          row.consentProof,
          row.contractRef,
          row.contractOffer,
          row.contractEndsOn,
          row.calendar,
          row.clockSource,
        ]),
      );
    if (rejected.length)
      await copyRows(
        this.runner,
        'contact_import_rejection',
        REJECTION_COLUMNS,
        rejected.map((row) => [this.importId, row.line, row.reason]),
      );
  }
}

/**
 * The contacts' tables: imports and their staged rows and rejections, consumers, each campaign's
 * contacts and queue, and the opposition list's refreshes.
 */
@Injectable()
export class ContactsStore {
  constructor(private readonly dataSource: DataSource) {}

  importById(id: string): Promise<ContactImport | null> {
    return this.dataSource.getRepository(ContactImport).findOneBy({ id });
  }

  /** The first `limit` rejected lines of an import. */
  rejections(importId: string, limit: number): Promise<ImportRejection[]> {
    return this.dataSource.query(
      `SELECT line, reason FROM contact_import_rejection WHERE import_id = $1 ORDER BY line LIMIT $2`,
      [importId, limit],
    );
  }

  /**
   * A new import of the campaign, queued, with the rows `fill` stages and the counts it returns,
   * in one transaction on a connection of its own: a file that fails leaves nothing behind.
   */
  async stageImport(
    campaignId: string,
    createdBy: string,
    fill: (staging: ImportStaging) => Promise<StageCounts>,
  ): Promise<string> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const [{ id }] = await runner.query(
        `INSERT INTO contact_import (campaign_id, status, created_by) VALUES ($1, 'queued', $2) RETURNING id`,
        [campaignId, createdBy],
      );
      const counts = await fill(new ImportStaging(runner, id));
      await runner.query(
        `UPDATE contact_import SET rows = $2, valid = $3, rejected = $4,
                clock_from_address = $5, clock_from_number = $6, clock_fallback = $7 WHERE id = $1`,
        [
          id,
          counts.rows,
          counts.valid,
          counts.rejected,
          counts.clocks.address,
          counts.clocks.number,
          counts.clocks.fallback,
        ],
      );
      await runner.commitTransaction();
      return id as string;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** A queued import starts merging. */
  async startMerging(importId: string): Promise<void> {
    await this.dataSource
      .getRepository(ContactImport)
      .update({ id: importId, status: 'queued' }, { status: 'merging' });
  }

  /**
   * Merges the next `chunk` staged lines of an import into its campaign, in one transaction:
   * consumers, contacts (a number already in the campaign is merged into its contact; one on the
   * opposition list is withheld), their queue, the import's counters and resumption point, and the
   * campaign's contact count (`countedContactSql`). False when no line is left.
   */
  async mergeChunk(importId: string, chunk: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [job] = await manager.query(
        `SELECT campaign_id, merged_through FROM contact_import WHERE id = $1 FOR UPDATE`,
        [importId],
      );
      const from: number = job.merged_through;
      const [{ last, rows }] = await manager.query(
        `SELECT max(line) AS last, count(*)::int AS rows FROM (
           SELECT line FROM contact_import_row WHERE import_id = $1 AND line > $2 ORDER BY line LIMIT $3) chunk`,
        [importId, from, chunk],
      );
      if (!rows) return false;
      const lines = [importId, from, last];
      await manager.query(
        // an address beats the number: it corrects the clock of a known consumer, the number never does
        `INSERT INTO consumer (phone, region, time_zone, calendar, clock_source)
         SELECT DISTINCT ON (phone) phone, region, time_zone, calendar, clock_source FROM contact_import_row
          WHERE import_id = $1 AND line > $2 AND line <= $3
         ORDER BY phone, clock_source = 'address' DESC, line DESC
         ON CONFLICT (phone) DO UPDATE
           SET region = EXCLUDED.region, time_zone = EXCLUDED.time_zone, calendar = EXCLUDED.calendar,
               clock_source = EXCLUDED.clock_source
         WHERE EXCLUDED.clock_source = 'address'
           AND (consumer.calendar, consumer.clock_source) IS DISTINCT FROM (EXCLUDED.calendar, EXCLUDED.clock_source)`,
        lines,
      );
      const [{ created, suppressed, counted }] = await manager.query(
        `WITH inserted AS (
           INSERT INTO contact (campaign_id, phone, first_name, last_name, lawful_basis, consent_date, consent_proof,
                                contract_ref, contract_offer, contract_ends_on, status, import_id)
           SELECT DISTINCT ON (r.phone) $4::uuid, r.phone, r.first_name, r.last_name, r.lawful_basis, r.consent_date,
                  r.consent_proof, r.contract_ref, r.contract_offer, r.contract_ends_on,
                  CASE WHEN EXISTS (SELECT FROM consumer p WHERE p.phone = r.phone AND p.do_not_call_at IS NOT NULL)
                       THEN 'suppressed' ELSE 'pending' END,
                  $1::uuid
             FROM contact_import_row r
            WHERE r.import_id = $1 AND r.line > $2 AND r.line <= $3
            ORDER BY r.phone, r.line
           ON CONFLICT (campaign_id, phone) DO NOTHING
           RETURNING id, phone, status, lawful_basis, contract_offer, contract_ends_on),
         queued AS (
           INSERT INTO contact_queue (campaign_id, contact_id, phone, lawful_basis, contract_offer, contract_ends_on)
           SELECT $4::uuid, id, phone, lawful_basis, contract_offer, contract_ends_on
             FROM inserted WHERE status = 'pending' ORDER BY id)
         SELECT count(*)::int AS created, count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed,
                count(*) FILTER (WHERE ${countedContactSql('status')})::int AS counted
           FROM inserted`,
        [...lines, job.campaign_id],
      );
      await manager.query(
        `UPDATE contact_import SET merged_through = $2, processed = processed + $3, created = created + $4,
                merged = merged + $3 - $4, suppressed = suppressed + $5 WHERE id = $1`,
        [importId, last, rows, created, suppressed],
      );
      await manager.query(`UPDATE campaign SET contact_count = contact_count + $2 WHERE id = $1`, [
        job.campaign_id,
        counted,
      ]);
      return true;
    });
  }

  /** An import in one of the `from` statuses ends (completed or failed); its staged rows go. */
  async closeImport(
    importId: string,
    end: { status: Extract<ImportStatus, 'completed' | 'failed'>; at: Date; error: string | null },
    from: readonly ImportStatus[],
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM contact_import_row WHERE import_id = $1`, [importId]);
      await manager.query(
        `UPDATE contact_import SET status = $3, finished_at = $2, error = $4 WHERE id = $1 AND status = ANY($5)`,
        [importId, end.at, end.status, end.error, from],
      );
    });
  }

  /** Fresh statistics, so that leases plan index scans over newly merged rows at once. */
  async analyzeContacts(): Promise<void> {
    await this.dataSource.query(`ANALYZE contact, contact_queue, consumer`);
  }

  /** Imports queued or merging that were created before `before`, oldest first. */
  async unfinishedImports(before: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM contact_import WHERE status IN ('queued', 'merging') AND created_at < $1 ORDER BY created_at`,
      [before],
    );
    return rows.map((row) => row.id);
  }

  async lastOppositionListRefresh(): Promise<OppositionListRefresh | null> {
    const [last]: OppositionListRefresh[] = await this.dataSource.query(
      `SELECT refreshed_at, source, numbers, added FROM opposition_list_refresh ORDER BY refreshed_at DESC LIMIT 1`,
    );
    return last ?? null;
  }

  /**
   * Puts numbers on the opposition list and withdraws their pending contacts, in one transaction;
   * a refresh of the list itself is recorded with its counts. Returns the numbers newly listed and
   * the contacts withdrawn.
   */
  async suppress(
    numbers: readonly NormalisedPhone[],
    by: { at: Date; source: string; refresh: boolean; refreshedBy: string | null },
  ): Promise<{ added: number; contactsSuppressed: number }> {
    return this.dataSource.transaction(async (manager) => {
      const [{ added }] = await manager.query(
        `WITH upserted AS (
           INSERT INTO consumer (phone, region, time_zone, calendar, clock_source, do_not_call_at, do_not_call_source)
           SELECT n.phone, n.region, n.time_zone, n.region, n.clock_source, s.at, s.source
             FROM unnest($1::text[], $2::text[], $3::text[], $6::text[]) AS n(phone, region, time_zone, clock_source)
                  CROSS JOIN (VALUES ($4::timestamptz, $5::text)) AS s(at, source)
           ON CONFLICT (phone) DO UPDATE SET do_not_call_at = EXCLUDED.do_not_call_at,
                                             do_not_call_source = EXCLUDED.do_not_call_source
             WHERE consumer.do_not_call_at IS NULL
           RETURNING phone)
         SELECT count(*)::int AS added FROM upserted`,
        [
          numbers.map((phone) => phone.e164),
          numbers.map((phone) => phone.region),
          numbers.map((phone) => phone.timeZone),
          by.at,
          by.source,
          numbers.map((phone) => (phone.located ? 'number' : 'fallback')),
        ],
      );
      const contactsSuppressed = await suppressContacts(
        manager,
        numbers.map((phone) => phone.e164),
      );
      if (by.refresh)
        await manager.query(
          `INSERT INTO opposition_list_refresh (refreshed_at, source, numbers, added, refreshed_by)
           VALUES ($1, $2, $3, $4, $5)`,
          [by.at, by.source, numbers.length, added, by.refreshedBy],
        );
      return { added, contactsSuppressed };
    });
  }
}

/**
 * Withdraws the pending contacts of these numbers from every campaign: off the queues, marked so
 * that one out on a lease now is not queued again, and no longer counted among their campaign's
 * contacts (`countedContactSql`: pending ones are, suppressed ones are not).
 */
export async function suppressContacts(manager: EntityManager, phones: string[]): Promise<number> {
  if (!phones.length) return 0;
  const [{ suppressed }] = await manager.query(
    `WITH suppressed AS (
       UPDATE contact SET status = 'suppressed' WHERE phone = ANY($1) AND status = 'pending'
       RETURNING id, campaign_id),
     dequeued AS (
       DELETE FROM contact_queue q USING suppressed s WHERE q.campaign_id = s.campaign_id AND q.contact_id = s.id),
     uncounted AS (
       UPDATE campaign c SET contact_count = c.contact_count - w.contacts
         FROM (SELECT campaign_id, count(*)::int AS contacts FROM suppressed GROUP BY campaign_id) w
        WHERE c.id = w.campaign_id)
     SELECT count(*)::int AS suppressed FROM suppressed`,
    [phones],
  );
  return suppressed;
}
