import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '#alerts';
import { NetworkModule } from '#network';
import { HeadcountService } from './application/headcount.service.js';
import { Idempotency } from './application/idempotency.js';
import { MissingReports } from './application/missing-reports.js';
import { PlansService } from './application/plans.service.js';
import { ReportAftermath } from './application/report-aftermath.js';
import { ReportTimelinessService } from './application/report-timeliness.js';
import { StaffedCapacity } from './application/staffed-capacity.js';
import { StaffingReportsService } from './application/staffing-reports.service.js';
import { StaffingSites } from './application/staffing-sites.js';
import { StaffingPlan } from './domain/staffing-plan.entity.js';
import { StaffingReport } from './domain/staffing-report.entity.js';
import { IdempotencyStore } from './store/idempotency.store.js';
import { ReportWriter } from './store/report-writer.store.js';
import { StaffingPlanStore } from './store/staffing-plans.store.js';
import { StaffingReportStore } from './store/staffing-reports.store.js';
import { StaffingJobs } from './staffing.jobs.js';
import { HeadcountController } from './http/headcount.controller.js';
import { StaffingReportsController } from './http/staffing-reports.controller.js';

const services = [
  StaffingSites,
  Idempotency,
  ReportAftermath,
  MissingReports,
  StaffingReportsService,
  PlansService,
  HeadcountService,
  StaffedCapacity,
  ReportTimelinessService,
];

/** Staffing reports, plans, headcount series and the missing-report job, without HTTP (worker, cli). */
@Module({
  imports: [NetworkModule, AlertsModule, TypeOrmModule.forFeature([StaffingReport, StaffingPlan])],
  providers: [
    StaffingReportStore,
    StaffingPlanStore,
    IdempotencyStore,
    ReportWriter,
    ...services,
    StaffingJobs,
  ],
  // ReportWriter: the demo seeder writes its staffing history with it, in its own transaction
  exports: [ReportWriter, ...services],
})
export class StaffingModule {}

/** The staffing REST routes, for the api. */
@Module({ imports: [StaffingModule], controllers: [StaffingReportsController, HeadcountController] })
export class StaffingHttpModule {}
