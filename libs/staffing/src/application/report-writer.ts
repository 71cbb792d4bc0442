import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { copyRows, isUniqueViolation } from '#db';
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

export interface Correction {
  siteId: string;
  period: string;
  version: number;
}

export interface Written {
  accepted: number;
  /** the reports that corrected an earlier version (every other one is version 1) */
  corrections: Correction[];
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Column = [column: string, type: string, read: (draft: ReportDraft) => string | number | null];

/** Input columns, their SQL types and how to read them from a draft. */
const COLUMNS: Column[] = [
  ['site_id', 'uuid', (d) => d.siteId],
  ['partner_id', 'uuid', (d) => d.partnerId],
  ['period', 'text', (d) => d.period],
  ['period_kind', 'text', (d) => d.periodKind],
  ['period_start', 'date', (d) => d.periodStart],
  ['period_end', 'date', (d) => d.periodEnd],
  ...REPORT_COUNTS.map((field: ReportCount): Column => [snake(field), 'int', (d) => d[field]]),
  ['absenteeism_pct', 'numeric', (d) => d.absenteeismPct],
  ['attrition_notes', 'text', (d) => d.attritionNotes],
];

const NAMES = COLUMNS.map(([column]) => column).join(', ');

const STAGE_SQL = `CREATE TEMP TABLE staffing_input (${COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')}) ON COMMIT DROP`;
const RETIRE_SQL = `
  UPDATE staffing_report r SET current = false FROM staffing_input i
  WHERE r.current AND r.site_id = i.site_id AND r.period = i.period`;
const INSERT_SQL = `
  WITH previous AS (
    SELECT r.site_id, r.period, max(r.version) AS version
    FROM staffing_report r JOIN staffing_input i ON r.site_id = i.site_id AND r.period = i.period
    GROUP BY r.site_id, r.period
  ), inserted AS (
    INSERT INTO staffing_report (${NAMES}, version, current, source, upload_id, submitted_by_type, submitted_by_id, submitted_at)
    SELECT i.*, COALESCE(p.version, 0) + 1, true, $1, $2::uuid, $3, $4, $5
    FROM staffing_input i LEFT JOIN previous p ON p.site_id = i.site_id AND p.period = i.period
    RETURNING site_id, period, version
  )
  SELECT count(*)::int AS accepted,
         COALESCE(json_agg(json_build_array(site_id, period, version)) FILTER (WHERE version > 1), '[]') AS corrections
  FROM inserted`;

/**
 * Writes accepted reports set-based inside the caller's transaction: an advisory lock per site
 * (two corrections of one site never race), the drafts staged in a temp table with COPY, then
 * one UPDATE retiring
 * the current versions and one INSERT ... SELECT numbering the new ones.
 * Drafts must be unique per (site, period).
 */
@Injectable()
export class ReportWriter {
  async write(manager: EntityManager, drafts: ReportDraft[], meta: WriteMeta): Promise<Written> {
    const siteIds = [...new Set(drafts.map((draft) => draft.siteId))].sort();
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('staffing:' || id, 0)) FROM unnest($1::text[]) AS id`,
      [siteIds],
    );
    await manager.query(STAGE_SQL);
    await copyRows(
      manager.queryRunner!,
      'staffing_input',
      COLUMNS.map(([column]) => column),
      (function* () {
        for (const draft of drafts) yield COLUMNS.map(([, , read]) => read(draft));
      })(),
    );
    // the planner knows nothing of a fresh temp table: give it the row count for the joins below
    if (drafts.length >= 1000) await manager.query(`ANALYZE staffing_input`);
    try {
      await manager.query(RETIRE_SQL);
      const [row]: Array<{ accepted: number; corrections: Array<[string, string, number]> }> =
        await manager.query(INSERT_SQL, [
          meta.source,
          meta.uploadId,
          meta.submittedByType,
          meta.submittedById,
          meta.at,
        ]);
      return {
        accepted: row.accepted,
        corrections: row.corrections.map(([siteId, period, version]) => ({ siteId, period, version })),
      };
    } catch (error) {
      if (isUniqueViolation(error)) throw StaffingError.concurrentCorrection();
      throw error;
    }
  }
}
