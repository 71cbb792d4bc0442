import type { StaffingReportView } from '#contracts';
import { headcountOf } from '../domain/report-rules.js';
import type { StaffingReport } from '../domain/staffing-report.entity.js';

export function reportView(report: StaffingReport): StaffingReportView {
  return {
    id: report.id,
    siteId: report.siteId,
    partnerId: report.partnerId,
    period: report.period,
    periodKind: report.periodKind,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    version: report.version,
    current: report.current,
    agentsInProduction: report.agentsInProduction,
    agentsInTraining: report.agentsInTraining,
    teamLeaders: report.teamLeaders,
    supervisors: report.supervisors,
    trainersQa: report.trainersQa,
    hires: report.hires,
    leavers: report.leavers,
    seatsInstalled: report.seatsInstalled,
    seatsStaffed: report.seatsStaffed,
    absenteeismPct: report.absenteeismPct,
    attritionNotes: report.attritionNotes,
    headcount: headcountOf(report),
    source: report.source,
    uploadId: report.uploadId,
    submittedAt: report.submittedAt.toISOString(),
  };
}
