import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '#db';
import { REPORT_COUNTS, type ReportCount, type ReportDraft } from '../domain/report-rules.js';
import type { ReportSource } from '../domain/staffing-report.entity.js';
import { StaffingError } from '../domain/staffing.error.js';

export interface WriteMeta {
  source: ReportSource;
  uploadId: string | null;
  submittedByType: string;
  submittedById: string | null;
  at: Date;
}

export interface WrittenReport {
  id: string;
  siteId: string;
  period: string;
  version: number;
}

/** Rows per statement: big enough to be set-based, small enough to keep parameters reasonable. */
const CHUNK = 25_000;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Input columns, their SQL array types and how to read them from a draft. */
const COLUMNS: Array<[column: string, type: string, read: (draft: ReportDraft) => unknown]> = [
  ['site_id', 'uuid', (d) => d.siteId],
  ['partner_id', 'uuid', (d) => d.partnerId],
  ['period', 'text', (d) => d.period],
  ['period_kind', 'text', (d) => d.periodKind],
  ['period_start', 'date', (d) => d.periodStart],
  ['period_end', 'date', (d) => d.periodEnd],
  ...REPORT_COUNTS.map((field: ReportCount) => [snake(field), 'int', (d: ReportDraft) => d[field]] as const),
  ['absenteeism_pct', 'numeric', (d) => d.absenteeismPct],
  ['attrition_notes', 'text', (d) => d.attritionNotes],
] as Array<[string, string, (draft: ReportDraft) => unknown]>;

const NAMES = COLUMNS.map(([column]) => column).join(', ');
const ARRAYS = COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
const META = COLUMNS.length;

const RETIRE_SQL = `
  UPDATE staffing_report r SET current = false
  FROM unnest($1::uuid[], $2::text[]) AS i(site_id, period)
  WHERE r.current AND r.site_id = i.site_id AND r.period = i.period`;

const INSERT_SQL = `
  INSERT INTO staffing_report (${NAMES}, version, current, source, upload_id, submitted_by_type, submitted_by_id, submitted_at)
  SELECT i.*,
         COALESCE((SELECT max(r.version) FROM staffing_report r WHERE r.site_id = i.site_id AND r.period = i.period), 0) + 1,
         true, $${META + 1}, $${META + 2}::uuid, $${META + 3}, $${META + 4}, $${META + 5}
  FROM unnest(${ARRAYS}) AS i(${NAMES})
  RETURNING id, site_id, period, version`;

/**
 * Writes accepted reports set-based inside the caller's transaction: per site an advisory
 * lock (so two corrections of one site never race), then per chunk one UPDATE retiring the
 * current versions and one INSERT ... SELECT FROM unnest(...) numbering the new ones.
 * Drafts must be unique per (site, period).
 */
@Injectable()
export class ReportWriter {
  async write(manager: EntityManager, drafts: ReportDraft[], meta: WriteMeta): Promise<WrittenReport[]> {
    const siteIds = [...new Set(drafts.map((draft) => draft.siteId))].sort();
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('staffing:' || id, 0)) FROM unnest($1::text[]) AS id`,
      [siteIds],
    );
    const written: WrittenReport[] = [];
    try {
      for (let offset = 0; offset < drafts.length; offset += CHUNK) {
        const chunk = drafts.slice(offset, offset + CHUNK);
        await manager.query(RETIRE_SQL, [chunk.map((d) => d.siteId), chunk.map((d) => d.period)]);
        const rows: Array<{ id: string; site_id: string; period: string; version: number }> =
          await manager.query(INSERT_SQL, [
            ...COLUMNS.map(([, , read]) => chunk.map(read)),
            meta.source,
            meta.uploadId,
            meta.submittedByType,
            meta.submittedById,
            meta.at,
          ]);
        for (const row of rows)
          written.push({ id: row.id, siteId: row.site_id, period: row.period, version: row.version });
      }
    } catch (error) {
      if (isUniqueViolation(error)) throw StaffingError.concurrentCorrection();
      throw error;
    }
    return written;
  }
}
