import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, EventBus } from '#core';
import type { JobContext } from '#jobs';
import { CampaignsOptions } from '../campaigns.options.js';
import { ContactImport } from '../domain/contact-import.entity.js';
import { countedContactSql } from './counted-contacts.js';
import { importProgressEvent } from './import-progress.js';

/**
 * The `campaigns.import` job: merges staged rows into the campaign's contacts, set-based, one
 * chunk of lines per transaction. The chunk's consumers and contacts and the import's counters
 * and resumption point commit together, so a worker killed mid-job leaves either a whole chunk
 * or nothing, and the retried job resumes after the last merged line: nothing lost, nothing twice.
 * A number already in the campaign (or twice in the file) is merged into the existing contact.
 */
@Injectable()
export class ImportMerger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly options: CampaignsOptions,
  ) {}

  async merge(importId: string, context?: Pick<JobContext, 'progress'>): Promise<ContactImport | null> {
    const repository = this.dataSource.getRepository(ContactImport);
    let job = await repository.findOneBy({ id: importId });
    if (!job || job.status === 'completed' || job.status === 'failed') return job;
    if (job.status === 'queued')
      await repository.update({ id: importId, status: 'queued' }, { status: 'merging' });
    for (;;) {
      const merged = await this.mergeChunk(importId);
      job = (await repository.findOneBy({ id: importId }))!;
      if (!merged) break;
      this.events.publish('import.progress', importProgressEvent(job, this.clock.now()));
      await context?.progress({ processed: job.processed, rows: job.valid });
    }
    // staged rows live in an unlogged table: after a database crash they are gone, and the import fails
    const missing = job.valid - job.processed;
    const lost = missing > 0;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM contact_import_row WHERE import_id = $1`, [importId]);
      await manager.query(
        `UPDATE contact_import SET status = $3, finished_at = $2, error = $4 WHERE id = $1 AND status = 'merging'`,
        [
          importId,
          this.clock.now(),
          lost ? 'failed' : 'completed',
          lost ? `${missing} staged rows were lost (database restart): upload the file again.` : null,
        ],
      );
    });
    // fresh statistics, so that leases plan index scans over the new rows at once
    await this.dataSource.query(`ANALYZE contact, contact_queue, consumer`);
    job = (await repository.findOneBy({ id: importId }))!;
    this.events.publish('import.progress', importProgressEvent(job, this.clock.now()));
    return job;
  }

  /** Merges the next chunk of staged lines; false when none is left. */
  private async mergeChunk(importId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [job] = await manager.query(
        `SELECT campaign_id, merged_through FROM contact_import WHERE id = $1 FOR UPDATE`,
        [importId],
      );
      const from: number = job.merged_through;
      const [{ last, rows }] = await manager.query(
        `SELECT max(line) AS last, count(*)::int AS rows FROM (
           SELECT line FROM contact_import_row WHERE import_id = $1 AND line > $2 ORDER BY line LIMIT $3) chunk`,
        [importId, from, this.options.importChunk],
      );
      if (!rows) return false;
      const chunk = [importId, from, last];
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
        chunk,
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
           RETURNING id, phone, status),
         queued AS (
           INSERT INTO contact_queue (campaign_id, contact_id, phone)
           SELECT $4::uuid, id, phone FROM inserted WHERE status = 'pending' ORDER BY id)
         SELECT count(*)::int AS created, count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed,
                count(*) FILTER (WHERE ${countedContactSql('status')})::int AS counted
           FROM inserted`,
        [...chunk, job.campaign_id],
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
}
