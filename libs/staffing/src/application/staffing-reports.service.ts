import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StaffingReportView, StaffingUploadResult } from '#contracts';
import { Clock, type Page, pageOf, type SiteScope, SpooledUpload } from '#core';
import type { Actor } from '#identity/access';
import { parsePeriod, PERIOD_FORMAT } from '../domain/report-period.js';
import {
  consistencyProblems,
  draftOf,
  REPORT_COUNTS,
  type ReportDraft,
  type ReportFigures,
  type ReportSite,
} from '../domain/report-rules.js';
import type { ReportSource, StaffingReport } from '../domain/staffing-report.entity.js';
import { StaffingError } from '../domain/staffing.error.js';
import {
  WriteLockedInstead,
  ReportWriter,
  type WriteMeta,
  type Written,
} from '../store/report-writer.store.js';
import { type SiteStaffingFigures, StaffingReportStore } from '../store/staffing-reports.store.js';
import { type Answer, Idempotency, requestHash } from './idempotency.js';
import { ReportAftermath } from './report-aftermath.js';
import { MAX_UPLOAD_BYTES, ReportCsvReading, sitesNamedIn } from './report-csv.js';
import { reportView } from './report-views.js';
import { ReportQuery, SubmitReportDto } from './staffing.dto.js';
import { StaffingSites } from './staffing-sites.js';

export type { SiteStaffingFigures };

type Respond<T> = (
  manager: EntityManager,
  written: Written,
  uploadId: string | null,
  drafts: ReportDraft[],
) => Promise<T>;

/**
 * Partners' staffing reports: one by JSON or many by CSV, all or nothing, idempotent with an
 * Idempotency-Key, a second report for a site and period kept as a new version.
 */
@Injectable()
export class StaffingReportsService {
  constructor(
    private readonly store: StaffingReportStore,
    private readonly sites: StaffingSites,
    private readonly writer: ReportWriter,
    private readonly idempotency: Idempotency,
    private readonly aftermath: ReportAftermath,
    private readonly clock: Clock,
  ) {}

  async submit(
    actor: Actor,
    scope: SiteScope,
    siteId: string,
    command: SubmitReportDto,
    idempotencyKey?: string,
  ): Promise<Answer<StaffingReportView>> {
    const site = await this.sites.visible(scope, siteId);
    const hash = requestHash('staffing-report', site.id, canonicalJson({ ...command }));
    const replayed = await this.idempotency.replay<StaffingReportView>(callerOf(actor), idempotencyKey, hash);
    if (replayed) return replayed;
    if (site.status !== 'active') throw StaffingError.siteNotActive(site.id, site.status);
    const period = parsePeriod(command.period);
    if (!period)
      throw StaffingError.invalidReport([
        { field: 'period', message: `"${command.period}" is not ${PERIOD_FORMAT}` },
      ]);
    const figures = figuresOf(command);
    const reportSite = this.sites.reportSite(site);
    const problems = consistencyProblems(figures, period, reportSite);
    if (problems.length) throw StaffingError.invalidReport(problems);
    const drafts = [draftOf(figures, period, reportSite)];
    return this.accept(
      actor,
      'api',
      idempotencyKey,
      hash,
      async (manager, meta) => ({ drafts, written: await this.writer.write(manager, drafts, meta) }),
      async (manager) => reportView(await this.store.current(manager, site.id, period.period)),
    );
  }

  /**
   * A CSV file of reports for any of the caller's sites, received whole before the database is
   * touched. A file of new reports is stored while it is parsed; one correcting stored reports is
   * parsed, then written with its sites locked (`ReportWriter`).
   */
  async upload(
    actor: Actor,
    scope: SiteScope,
    upload: Readable,
    idempotencyKey?: string,
  ): Promise<Answer<StaffingUploadResult>> {
    const file = await SpooledUpload.receive(upload, {
      name: 'staffing',
      hash: true,
      maxBytes: MAX_UPLOAD_BYTES,
      tooLarge: () =>
        StaffingError.invalidUpload(`A file holds at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it.`),
    });
    try {
      const hash = requestHash('staffing-upload', file.sha256!);
      const replayed = await this.idempotency.replay<StaffingUploadResult>(
        callerOf(actor),
        idempotencyKey,
        hash,
      );
      if (replayed) return replayed;
      const sites = await this.sites.reportable(scope);
      // what a file of new reports locks: the sites it names, found before any transaction opens
      const named = await sitesNamedIn(file.open(), sites);
      const respond: Respond<StaffingUploadResult> = async (_, written, uploadId, drafts) => ({
        uploadId: uploadId!,
        accepted: written.accepted,
        corrections: written.corrections.length,
        sites: new Set(drafts.map((draft) => draft.siteId)).size,
      });
      try {
        return await this.accept(
          actor,
          'csv',
          idempotencyKey,
          hash,
          (manager, meta) => this.writeNewReports(manager, file, sites, named, meta),
          respond,
        );
      } catch (error) {
        if (!(error instanceof WriteLockedInstead)) throw error;
      }
      const { drafts, refusal } = await new ReportCsvReading(file.open(), sites).checked;
      if (refusal) throw refusal;
      return await this.accept(
        actor,
        'csv',
        idempotencyKey,
        hash,
        async (manager, meta) => ({ drafts, written: await this.writer.write(manager, drafts, meta) }),
        respond,
      );
    } finally {
      await file.discard();
    }
  }

  /** A file's reports as first versions, stored while the file is read; its first bad row refuses it all. */
  private async writeNewReports(
    manager: EntityManager,
    file: SpooledUpload,
    sites: Map<string, ReportSite>,
    named: string[],
    meta: WriteMeta,
  ): Promise<{ drafts: ReportDraft[]; written: Written }> {
    const reading = new ReportCsvReading(file.open(), sites);
    try {
      const written = await this.writer.writeFirstVersions(manager, named, reading.goodSoFar(), meta);
      const { drafts, refusal } = await reading.checked;
      if (refusal) throw refusal;
      return { drafts, written };
    } finally {
      reading.stop();
    }
  }

  async list(scope: SiteScope, query: ReportQuery): Promise<Page<StaffingReport>> {
    const [items, total] = await this.store.page(scope, query);
    return pageOf(items, total, query);
  }

  /**
   * Each site's latest current report starting on or before `onOrBefore` (YYYY-MM-DD): what other
   * contexts (planning) read as a site's staffed seats, declared headcount and absenteeism.
   */
  latestFigures(siteIds: string[], onOrBefore: string): Promise<Map<string, SiteStaffingFigures>> {
    return this.store.latestFigures(siteIds, onOrBefore);
  }

  /** Every version of a site's report for a period, newest first. */
  async history(scope: SiteScope, siteId: string, period: string): Promise<StaffingReport[]> {
    if (!parsePeriod(period))
      throw StaffingError.invalidReport([
        { field: 'period', message: `"${period}" is not ${PERIOD_FORMAT}` },
      ]);
    await this.sites.visible(scope, siteId);
    const versions = await this.store.versions(siteId, period);
    if (!versions.length) throw StaffingError.reportNotFound(siteId, period);
    return versions;
  }

  private async accept<T>(
    actor: Actor,
    source: ReportSource,
    idempotencyKey: string | undefined,
    hash: string,
    write: (manager: EntityManager, meta: WriteMeta) => Promise<{ drafts: ReportDraft[]; written: Written }>,
    respond: Respond<T>,
  ): Promise<Answer<T>> {
    const uploadId = source === 'csv' ? randomUUID() : null;
    let stored: { drafts: ReportDraft[]; written: Written } | undefined;
    const answer = await this.store.transaction((manager) =>
      this.idempotency.once(manager, callerOf(actor), idempotencyKey, hash, async () => {
        stored = await write(manager, {
          source,
          uploadId,
          submittedByType: actor.type,
          submittedById: actor.id,
          at: this.clock.now(),
        });
        return { status: 201, body: await respond(manager, stored.written, uploadId, stored.drafts) };
      }),
    );
    if (!answer.replayed && stored) this.aftermath.accepted(stored.drafts, stored.written, source);
    return answer;
  }
}

/** Whose Idempotency-Keys these are: each user and each API key has its own. */
const callerOf = (actor: Actor) => `${actor.type}:${actor.id}`;

function figuresOf(command: SubmitReportDto): ReportFigures {
  const figures = {
    absenteeismPct: command.absenteeismPct,
    attritionNotes: command.attritionNotes?.trim() || null,
  };
  for (const field of REPORT_COUNTS) Object.assign(figures, { [field]: command[field] });
  return figures as ReportFigures;
}

/** JSON with sorted keys, so the same report written in another key order hashes the same. */
function canonicalJson(value: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))));
}
