import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsService } from '#alerts';
import { UNRESTRICTED } from '#core';
import { Role } from '#identity/access';
import { BullMqJobQueue, JobQueue, JobsModule } from '#jobs';
import {
  latestDueReport,
  MISSING_REPORT_ALERT,
  MISSING_REPORTS_EVERY_MS,
  MISSING_REPORTS_JOB,
  PURGE_IDEMPOTENCY_JOB,
  ReportAftermath,
  StaffingModule,
  StaffingReportsService,
  SubmitReportDto,
} from '#staffing';
import { type Backend, databaseBackends, redisUrl } from '../support/environment.js';
import { startTestContext } from '../support/test-context.js';

const ADMIN = { type: 'user', id: randomUUID(), role: Role.Admin, label: 'test admin' } as const;
const figures = (period: string): SubmitReportDto =>
  Object.assign(new SubmitReportDto(), {
    period,
    agentsInProduction: 20,
    agentsInTraining: 2,
    teamLeaders: 2,
    supervisors: 1,
    trainersQa: 1,
    hires: 0,
    leavers: 0,
    seatsInstalled: 30,
    seatsStaffed: 20,
    absenteeismPct: 3,
  });

/** Tue 10 March 2026: 09:30 in Paris (before the 10:00 due time) and 10:30 (after). */
const BEFORE_DUE = '2026-03-10T08:30:00Z';
const AFTER_DUE = '2026-03-10T09:30:00Z';

const REDIS = redisUrl();
const drivers: Array<['inline' | 'bullmq', Backend]> = [
  ...databaseBackends().map((backend) => ['inline', backend] as ['inline', Backend]),
  ...(REDIS ? [['bullmq', databaseBackends().at(-1)!] as ['bullmq', Backend]] : []),
];

async function firstScheduledRun(queue: BullMqJobQueue, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const finished = await queue.bullQueue.getJobs(['completed', 'failed']);
    if (finished.some((job) => job.name === name)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the scheduled ${name} job did not run within 30 s`);
}

describe.each(drivers)(
  'staffing jobs (missing-report alerts, idempotency purge) through the %s job queue on %s',
  (driver, backend) => {
    let context: { app: INestApplicationContext; close: () => Promise<void> };
    let db: DataSource;
    let alerts: AlertsService;
    let jobs: JobQueue;
    let siteId: string;

    const runJob = async (at?: string) => {
      await jobs.enqueue(MISSING_REPORTS_JOB, at ? { at } : {}, { jobId: `missing-${randomUUID()}` });
      await jobs.drain(20_000);
    };
    const openAlerts = async () =>
      (await alerts.openOf(MISSING_REPORT_ALERT)).filter((a) => a.siteId === siteId);

    beforeAll(async () => {
      const env: Record<string, string> =
        driver === 'bullmq' ? { REDIS_URL: REDIS!, JOBS_PREFIX: `t-${randomBytes(4).toString('hex')}` } : {};
      context = await startTestContext(
        backend,
        { imports: [JobsModule.forRoot({ processJobs: true }), StaffingModule] },
        env,
      );
      db = context.app.get(DataSource);
      alerts = context.app.get(AlertsService);
      jobs = context.app.get(JobQueue);
      expect(jobs instanceof BullMqJobQueue).toBe(driver === 'bullmq');
      // A BullMQ scheduler runs its job at once, with the real clock: let that run pass before the
      // test's sites exist, or it would find them late today and open an alert of its own.
      if (jobs instanceof BullMqJobQueue) await firstScheduledRun(jobs, MISSING_REPORTS_JOB);
      const [partner] = await db.query(
        `INSERT INTO partner (name, kind) VALUES ('Late Partner', 'outsourcer') RETURNING id`,
      );
      [{ id: siteId }] = await db.query(
        `INSERT INTO site (partner_id, name, city, country, time_zone, installed_seats, status, opened_on)
       VALUES ($1, 'Late Lille', 'Lille', 'FR', 'Europe/Paris', 30, 'active', '2020-01-06') RETURNING id`,
        [partner.id],
      );
      await db.query(
        `INSERT INTO site (partner_id, name, city, country, time_zone, installed_seats, status, opened_on)
       VALUES ($1, 'Planned Lens', 'Lens', 'FR', 'Europe/Paris', 30, 'planned', NULL)`,
        [partner.id],
      );
      const service = context.app.get(StaffingReportsService);
      await service.submit(ADMIN, UNRESTRICTED, siteId, figures('2026-03-07'));
    });
    afterAll(() => context?.close());

    it.skipIf(driver !== 'bullmq')('is scheduled as a BullMQ repeatable job', async () => {
      const scheduler = await (jobs as BullMqJobQueue).bullQueue.getJobScheduler(MISSING_REPORTS_JOB);
      expect(scheduler).toMatchObject({ every: MISSING_REPORTS_EVERY_MS });
      expect(await (jobs as BullMqJobQueue).bullQueue.getJobScheduler(PURGE_IDEMPOTENCY_JOB)).toBeTruthy();
    });

    it('opens nothing before the due time, one alert after it, and raises it only once', async () => {
      expect(latestDueReport(new Date(BEFORE_DUE), 'Europe/Paris').day).toBe('2026-03-07');
      await runJob(BEFORE_DUE);
      expect(await openAlerts()).toEqual([]);

      await runJob(AFTER_DUE);
      await runJob(AFTER_DUE);
      const open = await openAlerts();
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({
        kind: MISSING_REPORT_ALERT,
        details: { day: '2026-03-09', dueAt: '2026-03-10T09:00:00.000Z' },
      });
      expect(open[0].message).toContain('Late Lille has not reported staffing for 2026-03-09');
      // the planned site is not expected to report
      const all = await alerts.openOf(MISSING_REPORT_ALERT);
      expect(all.every((alert) => alert.siteId === siteId)).toBe(true);
    });

    it('resolves it once a report covering the due day arrives (a weekly report counts)', async () => {
      const service = context.app.get(StaffingReportsService);
      await service.submit(ADMIN, UNRESTRICTED, siteId, figures('2026-W11'));
      await runJob(AFTER_DUE);
      expect(await openAlerts()).toEqual([]);
      const [resolved] = await db.query(
        `SELECT resolved_at FROM alert WHERE kind = $1 AND site_id = $2 ORDER BY opened_at DESC LIMIT 1`,
        [MISSING_REPORT_ALERT, siteId],
      );
      expect(resolved.resolved_at).not.toBeNull();
    });

    it('resolves the alert as soon as the late report is accepted (now, without waiting for the job)', async () => {
      await runJob();
      expect(await openAlerts()).toHaveLength(1);
      const due = latestDueReport(new Date(), 'Europe/Paris');
      await context.app.get(StaffingReportsService).submit(ADMIN, UNRESTRICTED, siteId, figures(due.day));
      await context.app.get(ReportAftermath).settled();
      expect(await openAlerts()).toEqual([]);
    });

    it('purges stored Idempotency-Key answers after their retention', async () => {
      await db.query(
        `INSERT INTO idempotency_record (caller, key, request_hash, status, body, created_at)
       VALUES ('user:x', 'old', 'h', 201, '{}', now() - interval '8 days'), ('user:x', 'fresh', 'h', 201, '{}', now())`,
      );
      await jobs.enqueue(PURGE_IDEMPOTENCY_JOB, {}, { jobId: `purge-${randomUUID()}` });
      await jobs.drain(20_000);
      const keys = await db.query(`SELECT key FROM idempotency_record WHERE caller = 'user:x'`);
      expect(keys).toEqual([{ key: 'fresh' }]);
    });
  },
);
