import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteScope } from '#core';
import { whereInScope } from '#db';
import type { SiteMonth } from '../domain/headcount-series.js';
import { headcountSql } from '../domain/report-rules.js';
import { StaffingReport } from '../domain/staffing-report.entity.js';
import type { ReportQuery } from '../application/staffing.dto.js';

/** A site's staffing as its latest report declares it. */
export interface SiteStaffingFigures {
  period: string;
  agentsInProduction: number;
  headcount: number;
  seatsStaffed: number;
  seatsInstalled: number;
  absenteeismPct: number;
}

/** The first report covering a day: when it came, and whether the demo seed wrote it. */
export interface DayCoverage {
  firstAt: Date | null;
  seeded: boolean;
}

/**
 * The reads of staffing_report: the only code that queries it besides ReportWriter, which writes
 * it. `transaction` runs a write and its answer in one transaction.
 */
@Injectable()
export class StaffingReportStore {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The current version of a site's report for a period (in the caller's transaction). */
  current(db: EntityManager, siteId: string, period: string): Promise<StaffingReport> {
    return db.findOneByOrFail(StaffingReport, { siteId, period, current: true });
  }

  /** Every version of a site's report for a period, newest first. */
  versions(siteId: string, period: string): Promise<StaffingReport[]> {
    return this.dataSource.manager.find(StaffingReport, {
      where: { siteId, period },
      order: { version: 'DESC' },
    });
  }

  page(scope: SiteScope, query: ReportQuery): Promise<[StaffingReport[], number]> {
    const builder = this.dataSource
      .createQueryBuilder(StaffingReport, 'report')
      .orderBy('report.periodStart', 'DESC')
      .addOrderBy('report.siteId', 'ASC')
      .addOrderBy('report.period', 'ASC')
      .addOrderBy('report.version', 'DESC')
      .take(query.limit)
      .skip(query.offset);
    whereInScope(builder, scope, { partner: 'report.partnerId', site: 'report.siteId' });
    if (query.versions !== 'all') builder.andWhere('report.current');
    if (query.siteId) builder.andWhere('report.siteId = :siteId', { siteId: query.siteId });
    if (query.partnerId) builder.andWhere('report.partnerId = :partnerId', { partnerId: query.partnerId });
    if (query.period) builder.andWhere('report.period = :period', { period: query.period });
    if (query.from) builder.andWhere('report.periodStart >= :from', { from: query.from });
    if (query.to) builder.andWhere('report.periodStart <= :to', { to: query.to });
    if (query.uploadId) builder.andWhere('report.uploadId = :uploadId', { uploadId: query.uploadId });
    return builder.getManyAndCount();
  }

  /** Each site's latest current report starting on or before `onOrBefore` (YYYY-MM-DD). */
  async latestFigures(
    siteIds: readonly string[],
    onOrBefore: string,
  ): Promise<Map<string, SiteStaffingFigures>> {
    if (!siteIds.length) return new Map();
    const rows: Array<{
      site_id: string;
      period: string;
      agents_in_production: number;
      headcount: number;
      seats_staffed: number;
      seats_installed: number;
      absenteeism_pct: string;
    }> = await this.dataSource.query(
      `SELECT DISTINCT ON (r.site_id) r.site_id, r.period, r.agents_in_production, ${headcountSql('r')} AS headcount,
              r.seats_staffed, r.seats_installed, r.absenteeism_pct
       FROM staffing_report r
       WHERE r.current AND r.site_id = ANY($1::uuid[]) AND r.period_start <= $2::date
       ORDER BY r.site_id, r.period_start DESC, r.period_end`,
      [siteIds, onOrBefore],
    );
    return new Map(
      rows.map((row) => [
        row.site_id,
        {
          period: row.period,
          agentsInProduction: row.agents_in_production,
          headcount: row.headcount,
          seatsStaffed: row.seats_staffed,
          seatsInstalled: row.seats_installed,
          absenteeismPct: Number(row.absenteeism_pct),
        },
      ]),
    );
  }

  /** Seats staffed by the latest current report of each site that has one. */
  async latestStaffedSeats(siteIds: readonly string[]): Promise<Map<string, number>> {
    if (!siteIds.length) return new Map();
    const rows: Array<{ site_id: string; seats_staffed: number }> = await this.dataSource.query(
      `SELECT DISTINCT ON (site_id) site_id, seats_staffed FROM staffing_report
        WHERE site_id = ANY($1::uuid[]) AND current ORDER BY site_id, period_start DESC, submitted_at DESC`,
      [siteIds],
    );
    return new Map(rows.map((row) => [row.site_id, Number(row.seats_staffed)]));
  }

  /** The headcount of each site's latest current report, with its partner. */
  async latestHeadcounts(
    siteIds: readonly string[],
  ): Promise<Array<{ siteId: string; partnerId: string; headcount: number }>> {
    const rows: Array<{ site_id: string; partner_id: string; headcount: number }> =
      await this.dataSource.query(
        `SELECT DISTINCT ON (r.site_id) r.site_id, r.partner_id, ${headcountSql('r')}::int AS headcount
       FROM staffing_report r
       WHERE r.current AND r.site_id = ANY($1::uuid[])
       ORDER BY r.site_id, r.period_start DESC, r.period_end ASC`,
        [siteIds],
      );
    return rows.map((row) => ({ siteId: row.site_id, partnerId: row.partner_id, headcount: row.headcount }));
  }

  /** Per site and month (`from` and `to` are first days of months, both included), its current reports' figures. */
  async siteMonths(siteIds: readonly string[], from: string, to: string): Promise<SiteMonth[]> {
    const rows: Array<Record<string, string | number>> = await this.dataSource.query(
      `SELECT r.site_id, to_char(r.period_start, 'YYYY-MM') AS month,
              sum(r.hires)::int AS hires, sum(r.leavers)::int AS leavers,
              avg(${headcountSql('r')})::float8 AS average_headcount,
              (array_agg(${headcountSql('r')} ORDER BY r.period_start DESC, r.period_end))[1] AS headcount,
              (array_agg(r.agents_in_production ORDER BY r.period_start DESC, r.period_end))[1] AS agents_in_production,
              (array_agg(r.agents_in_training ORDER BY r.period_start DESC, r.period_end))[1] AS agents_in_training,
              (array_agg(r.seats_staffed ORDER BY r.period_start DESC, r.period_end))[1] AS seats_staffed,
              (array_agg(r.seats_installed ORDER BY r.period_start DESC, r.period_end))[1] AS seats_installed
       FROM staffing_report r
       WHERE r.current AND r.site_id = ANY($1::uuid[])
         AND r.period_start >= $2::date AND r.period_start < ($3::date + interval '1 month')
       GROUP BY r.site_id, month`,
      [siteIds, from, to],
    );
    return rows.map((row) => ({
      siteId: String(row.site_id),
      month: String(row.month),
      headcount: Number(row.headcount),
      agentsInProduction: Number(row.agents_in_production),
      agentsInTraining: Number(row.agents_in_training),
      seatsStaffed: Number(row.seats_staffed),
      seatsInstalled: Number(row.seats_installed),
      hires: Number(row.hires),
      leavers: Number(row.leavers),
      averageHeadcount: Number(row.average_headcount),
    }));
  }

  /** Of these (site, day) pairs, the sites whose day a current report covers. */
  async coveredSites(due: ReadonlyArray<{ siteId: string; day: string }>): Promise<Set<string>> {
    const covered: Array<{ site_id: string }> = await this.dataSource.query(
      `SELECT d.site_id FROM unnest($1::uuid[], $2::date[]) AS d(site_id, day)
       WHERE EXISTS (SELECT 1 FROM staffing_report r
                     WHERE r.site_id = d.site_id AND r.current AND r.period_start <= d.day AND r.period_end >= d.day)`,
      [due.map(({ siteId }) => siteId), due.map(({ day }) => day)],
    );
    return new Set(covered.map((row) => row.site_id));
  }

  /** For each of a site's days (YYYY-MM-DD), the first report (any version) covering it. */
  async dayCoverage(siteId: string, days: readonly string[]): Promise<Map<string, DayCoverage>> {
    const rows: Array<{ day: string; first_at: Date | null; seeded: boolean }> = await this.dataSource.query(
      `SELECT d.day::text AS day, min(r.submitted_at) AS first_at, bool_or(r.source = 'seed') AS seeded
         FROM unnest($2::date[]) AS d(day)
         LEFT JOIN staffing_report r ON r.site_id = $1 AND r.period_start <= d.day AND r.period_end >= d.day
        GROUP BY d.day`,
      [siteId, days],
    );
    return new Map(rows.map((row) => [row.day, { firstAt: row.first_at, seeded: row.seeded }]));
  }
}
