export { isoWeekOf, parsePeriod } from './domain/report-period.js';
export { draftOf, type ReportDraft, type ReportSite } from './domain/report-rules.js';
export { CSV_COLUMNS, parseReportRow, type CsvLayout } from './domain/report-row.js';
export { sitesNamedIn } from './application/report-csv.js';
export { latestDueReport } from './domain/report-due.js';
export { headcountSeries, monthsBetween, type SiteMonth } from './domain/headcount-series.js';
export { StaffingReport } from './domain/staffing-report.entity.js';
export { StaffingPlan } from './domain/staffing-plan.entity.js';
export { SubmitReportDto } from './application/staffing.dto.js';
export { ReportWriter } from './store/report-writer.store.js';
export { PURGE_IDEMPOTENCY_JOB } from './application/idempotency.js';
export {
  MISSING_REPORTS_EVERY_MS,
  MISSING_REPORTS_JOB,
  MISSING_REPORT_ALERT,
} from './application/missing-reports.js';
export { ReportAftermath } from './application/report-aftermath.js';
export { StaffingReportsService } from './application/staffing-reports.service.js';
export type { SiteStaffingFigures } from './store/staffing-reports.store.js';
export { PlansService } from './application/plans.service.js';
export { ReportTimelinessService } from './application/report-timeliness.js';
export { monthRange } from './application/headcount.service.js';
export { StaffedCapacity } from './application/staffed-capacity.js';
export { StaffingHttpModule, StaffingModule } from './staffing.module.js';
export { StaffingPlanResponse } from './http/staffing.responses.js';
