import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type CopyCell, copyRows, isUniqueViolation } from '#db';
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

type Column = [column: string, read: (draft: ReportDraft) => string | number | null];

/** The report's columns and how to read them from a draft. */
const COLUMNS: Column[] = [
  ['site_id', (d) => d.siteId],
  ['partner_id', (d) => d.partnerId],
  ['period', (d) => d.period],
  ['period_kind', (d) => d.periodKind],
  ['period_start', (d) => d.periodStart],
  ['period_end', (d) => d.periodEnd],
  ...REPORT_COUNTS.map((field: ReportCount): Column => [snake(field), (d) => d[field]]),
  ['absenteeism_pct', (d) => d.absenteeismPct],
  ['attrition_notes', (d) => d.attritionNotes],
];
/** Then the version and what the write says of them all. */
const META_COLUMNS = [
  'version',
  'current',
  'source',
  'upload_id',
  'submitted_by_type',
  'submitted_by_id',
  'submitted_at',
] as const;

const COPY_COLUMNS = [...COLUMNS.map(([column]) => column), ...META_COLUMNS];

/** The versions already stored for the sites and periods of a write (a superset of its keys). */
const PREVIOUS_SQL = `
  SELECT site_id, period, max(version)::int AS version FROM staffing_report
  WHERE site_id = ANY($1::uuid[]) AND period = ANY($2::text[])
  GROUP BY site_id, period`;
const RETIRE_SQL = `
  UPDATE staffing_report r SET current = false FROM unnest($1::uuid[], $2::text[]) AS i(site_id, period)
  WHERE r.current AND r.site_id = i.site_id AND r.period = i.period`;

/**
 * Thrown by `ReportWriter.writeFirstVersions` (its transaction must roll back) when the reports
 * must be written the locked way instead: one already has a stored version, or names a site that
 * was not locked.
 */
export class WriteLockedInstead extends Error {}

/**
 * Writes accepted reports set-based inside the caller's transaction, straight into
 * staffing_report with COPY.
 */
@Injectable()
export class ReportWriter {
  /**
   * Reports of any sites, each numbered one past its previous version: an advisory lock per site
   * (two corrections of one site never race), one read of the versions already stored for the
   * drafts' sites and periods, one UPDATE retiring the current ones being corrected (if any), then
   * COPY. Drafts must be unique per (site, period).
   */
  async write(manager: EntityManager, drafts: ReportDraft[], meta: WriteMeta): Promise<Written> {
    const siteIds = [...new Set(drafts.map((draft) => draft.siteId))];
    await lockSites(manager, siteIds);
    const previous = new Map<string, number>();
    for (const row of (await manager.query(PREVIOUS_SQL, [
      siteIds,
      [...new Set(drafts.map((draft) => draft.period))],
    ])) as Array<{ site_id: string; period: string; version: number }>)
      previous.set(`${row.site_id}|${row.period}`, row.version);
    const corrections: Correction[] = [];
    const versions = drafts.map((draft) => {
      const version = (previous.get(`${draft.siteId}|${draft.period}`) ?? 0) + 1;
      if (version > 1) corrections.push({ siteId: draft.siteId, period: draft.period, version });
      return version;
    });
    try {
      if (corrections.length)
        await manager.query(RETIRE_SQL, [
          corrections.map((correction) => correction.siteId),
          corrections.map((correction) => correction.period),
        ]);
      const row = rowOf(meta);
      await copyRows(
        manager.queryRunner!,
        'staffing_report',
        COPY_COLUMNS,
        (function* () {
          for (let index = 0; index < drafts.length; index++) yield row(drafts[index], versions[index]);
        })(),
      );
      return { accepted: drafts.length, corrections };
    } catch (error) {
      if (isUniqueViolation(error)) throw StaffingError.concurrentCorrection();
      throw error;
    }
  }

  /**
   * Reports as they are read, each as the first version of its site and period (a file of new
   * reports, the common case), so the database stores them while the rest of the file is parsed.
   * The sites the file names (`siteIds`, found before it is parsed) are locked first, so no
   * other write of theirs waits on these rows or they on its. Throws `WriteLockedInstead` when
   * a report already has a version (a correction) or names a site not locked.
   */
  async writeFirstVersions(
    manager: EntityManager,
    siteIds: readonly string[],
    drafts: AsyncIterable<ReportDraft>,
    meta: WriteMeta,
  ): Promise<Written> {
    await lockSites(manager, siteIds);
    const locked = new Set(siteIds);
    let accepted = 0;
    const row = rowOf(meta);
    try {
      await copyRows(
        manager.queryRunner!,
        'staffing_report',
        COPY_COLUMNS,
        (async function* () {
          for await (const draft of drafts) {
            if (!locked.has(draft.siteId))
              throw new WriteLockedInstead(`site ${draft.siteId} was not locked`);
            accepted++;
            yield row(draft, 1);
          }
        })(),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new WriteLockedInstead('a report already has a stored version');
      throw error;
    }
    return { accepted, corrections: [] };
  }
}

/** Writes of one site take turns; sites are locked in one order, so two writes never wait on each other. */
async function lockSites(manager: EntityManager, siteIds: readonly string[]): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('staffing:' || id, 0)) FROM unnest($1::text[]) AS id`,
    [[...siteIds].sort()],
  );
}

/** A draft's row for COPY, in COPY_COLUMNS' order. */
function rowOf(meta: WriteMeta): (draft: ReportDraft, version: number) => CopyCell[] {
  const at = meta.at.toISOString();
  return (draft, version) => [
    ...COLUMNS.map(([, read]) => read(draft)),
    version,
    't',
    meta.source,
    meta.uploadId,
    meta.submittedByType,
    meta.submittedById,
    at,
  ];
}
