import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Clock, EventBus, logSafeMessage } from '#core';
import { SiteDirectory } from '#network';
import { Metrics } from '#observability';
import type { ReportDraft } from '../domain/report-rules.js';
import type { ReportSource } from '../domain/staffing-report.entity.js';
import type { Written } from '../store/report-writer.store.js';
import { StaffingReportStore } from '../store/staffing-reports.store.js';
import { MissingReports } from './missing-reports.js';

/** Events published per turn of the event loop, so a 100,000-row upload never blocks it. */
const EVENTS_PER_TURN = 2_000;

/**
 * What follows a committed batch of reports, after the answer (it never delays nor undoes the
 * acknowledged reports): `staffing.report` per report, `headcount.changed` per site (with the
 * headcount of its latest period), missing-report alerts resolved, metrics. If it fails, the
 * scheduled sweep still resolves the alerts.
 */
@Injectable()
export class ReportAftermath implements OnApplicationShutdown {
  private readonly logger = new Logger(ReportAftermath.name);
  private readonly reports?: Counter<'source' | 'kind'>;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: StaffingReportStore,
    private readonly directory: SiteDirectory,
    private readonly events: EventBus,
    private readonly missing: MissingReports,
    private readonly clock: Clock,
    @Optional() @Inject(Metrics) metrics?: Metrics,
  ) {
    if (metrics)
      this.reports = new Counter({
        name: 'plateau_staffing_reports_accepted_total',
        help: 'Staffing reports stored, by source (api, csv, seed) and kind (first report or correction)',
        labelNames: ['source', 'kind'],
        registers: [metrics.registry],
      });
  }

  /** Starts the follow-up of committed reports in the background. */
  accepted(drafts: ReportDraft[], written: Written, source: ReportSource): void {
    this.reports?.inc({ source, kind: 'first' }, written.accepted - written.corrections.length);
    if (written.corrections.length)
      this.reports?.inc({ source, kind: 'correction' }, written.corrections.length);
    const run = this.follow(drafts, written)
      .catch((error: Error) => this.logger.warn(`after accepting reports: ${logSafeMessage(error)}`))
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves when every follow-up started so far is done (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  private async follow(drafts: ReportDraft[], written: Written): Promise<void> {
    const versions = new Map(written.corrections.map((c) => [`${c.siteId}|${c.period}`, c.version]));
    for (let index = 0; index < drafts.length; index++) {
      if (index && index % EVENTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const draft = drafts[index];
      this.events.publish('staffing.report', {
        siteId: draft.siteId,
        partnerId: draft.partnerId,
        period: draft.period,
        version: versions.size ? (versions.get(`${draft.siteId}|${draft.period}`) ?? 1) : 1,
        agentsInProduction: draft.agentsInProduction,
        agentsInTraining: draft.agentsInTraining,
        seatsInstalled: draft.seatsInstalled,
        seatsStaffed: draft.seatsStaffed,
      });
    }
    const siteIds = [...new Set(drafts.map((draft) => draft.siteId))];
    await this.publishHeadcounts(siteIds);
    await this.missing.reported(siteIds);
  }

  private async publishHeadcounts(siteIds: string[]): Promise<void> {
    const [latest, sites] = await Promise.all([
      this.store.latestHeadcounts(siteIds),
      this.directory.sitesByIds(siteIds),
    ]);
    const countries = new Map(sites.map((site) => [site.id, site.country]));
    const at = this.clock.now().toISOString();
    for (const { siteId, partnerId, headcount } of latest) {
      const country = countries.get(siteId);
      if (country) this.events.publish('headcount.changed', { siteId, partnerId, country, headcount, at });
    }
  }
}
