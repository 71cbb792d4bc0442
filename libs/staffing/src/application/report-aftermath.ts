import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock, EventBus } from '#core';
import { Metrics } from '#observability';
import { headcountSql, type ReportDraft } from '../domain/report-rules.js';
import type { ReportSource } from '../domain/staffing-report.entity.js';
import { MissingReports } from './missing-reports.js';
import type { WrittenReport } from './report-writer.js';

/**
 * What follows a committed batch of reports: `staffing.report` per report, `headcount.changed`
 * per site (with the headcount of its latest period), missing-report alerts resolved, metrics.
 * A failure here never undoes the acknowledged reports (the scheduled sweep catches up alerts).
 */
@Injectable()
export class ReportAftermath {
  private readonly logger = new Logger(ReportAftermath.name);
  private readonly accepted_?: Counter<'source' | 'kind'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly missing: MissingReports,
    private readonly clock: Clock,
    @Optional() @Inject(Metrics) metrics?: Metrics,
  ) {
    if (metrics)
      this.accepted_ = new Counter({
        name: 'plateau_staffing_reports_accepted_total',
        help: 'Staffing reports stored, by source (api, csv, seed) and kind (first report or correction)',
        labelNames: ['source', 'kind'],
        registers: [metrics.registry],
      });
  }

  async accepted(drafts: ReportDraft[], written: WrittenReport[], source: ReportSource): Promise<void> {
    const version = new Map(written.map((report) => [`${report.siteId}|${report.period}`, report.version]));
    let corrections = 0;
    for (const draft of drafts) {
      const v = version.get(`${draft.siteId}|${draft.period}`) ?? 1;
      if (v > 1) corrections++;
      this.events.publish('staffing.report', {
        siteId: draft.siteId,
        partnerId: draft.partnerId,
        period: draft.period,
        version: v,
        agentsInProduction: draft.agentsInProduction,
        agentsInTraining: draft.agentsInTraining,
        seatsInstalled: draft.seatsInstalled,
        seatsStaffed: draft.seatsStaffed,
      });
    }
    this.accepted_?.inc({ source, kind: 'first' }, drafts.length - corrections);
    if (corrections) this.accepted_?.inc({ source, kind: 'correction' }, corrections);
    const siteIds = [...new Set(drafts.map((draft) => draft.siteId))];
    try {
      await this.publishHeadcounts(siteIds);
      await this.missing.reported(siteIds);
    } catch (error) {
      this.logger.warn(`after accepting reports: ${(error as Error).message}`);
    }
  }

  private async publishHeadcounts(siteIds: string[]): Promise<void> {
    const latest: Array<{ site_id: string; partner_id: string; country: string; headcount: number }> =
      await this.dataSource.query(
        `SELECT DISTINCT ON (r.site_id) r.site_id, r.partner_id, s.country, ${headcountSql('r')}::int AS headcount
         FROM staffing_report r JOIN site s ON s.id = r.site_id
         WHERE r.current AND r.site_id = ANY($1::uuid[])
         ORDER BY r.site_id, r.period_start DESC, r.period_end ASC`,
        [siteIds],
      );
    const at = this.clock.now().toISOString();
    for (const row of latest)
      this.events.publish('headcount.changed', {
        siteId: row.site_id,
        partnerId: row.partner_id,
        country: row.country,
        headcount: row.headcount,
        at,
      });
  }
}
