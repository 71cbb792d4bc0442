import { ApiProperty } from '@nestjs/swagger';
import type {
  HeadcountPoint,
  HeadcountReport,
  HeadcountSeries,
  ReportPeriodKind,
  StaffingPlanView,
  StaffingReportView,
  StaffingUploadResult,
} from '#contracts';
import { HEADCOUNT_GROUPS } from '../application/staffing.dto.js';

const nullableInt = (description?: string) => ApiProperty({ type: Number, nullable: true, description });

export class StaffingReportResponse implements StaffingReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty({ example: '2026-11-20', description: 'YYYY-MM-DD or ISO week YYYY-Www' }) period: string;
  @ApiProperty({ enum: ['day', 'week'] }) periodKind: ReportPeriodKind;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ description: '1, then +1 per correction' }) version: number;
  @ApiProperty({ description: 'false once corrected by a later version' }) current: boolean;
  @ApiProperty() agentsInProduction: number;
  @ApiProperty() agentsInTraining: number;
  @ApiProperty() teamLeaders: number;
  @ApiProperty() supervisors: number;
  @ApiProperty() trainersQa: number;
  @ApiProperty() hires: number;
  @ApiProperty() leavers: number;
  @ApiProperty() seatsInstalled: number;
  @ApiProperty() seatsStaffed: number;
  @ApiProperty() absenteeismPct: number;
  @ApiProperty({ type: String, nullable: true }) attritionNotes: string | null;
  @ApiProperty({ description: 'agents in production + training + team leaders + supervisors + trainers/QA' })
  headcount: number;
  @ApiProperty({ enum: ['api', 'csv', 'seed'] }) source: 'api' | 'csv' | 'seed';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) uploadId: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

export class StaffingUploadResponse implements StaffingUploadResult {
  @ApiProperty({ format: 'uuid' }) uploadId: string;
  @ApiProperty() accepted: number;
  @ApiProperty({ description: 'reports that corrected an earlier one (version > 1)' }) corrections: number;
  @ApiProperty() sites: number;
}

export class StaffingPlanResponse implements StaffingPlanView {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ description: 'planned month-end headcount' }) headcount: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class HeadcountPointResponse implements HeadcountPoint {
  @ApiProperty({ example: '2026-05' }) month: string;
  @ApiProperty() sitesReporting: number;
  @nullableInt("month-end headcount: each site's last report of the month") headcount: number | null;
  @nullableInt('planned month-end headcount') plan: number | null;
  @nullableInt('headcount - plan') variance: number | null;
  @nullableInt('% change against the previous month') growthPct: number | null;
  @ApiProperty() hires: number;
  @ApiProperty() leavers: number;
  @nullableInt('mean headcount of the month’s reports, summed over sites') averageHeadcount: number | null;
  @nullableInt('leavers / averageHeadcount (fraction)') attritionRate: number | null;
  @nullableInt() agentsInProduction: number | null;
  @nullableInt() agentsInTraining: number | null;
  @nullableInt('agentsInTraining / (agentsInProduction + agentsInTraining)') trainingShare: number | null;
  @nullableInt('agents in production + in training') fte: number | null;
  @nullableInt() seatsStaffed: number | null;
  @nullableInt() seatsInstalled: number | null;
  @nullableInt('fte / seatsStaffed') seatUtilisation: number | null;
}

export class HeadcountSeriesResponse implements HeadcountSeries {
  @ApiProperty({ description: 'site or partner id, country code, onshore/offshore' }) key: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [HeadcountPointResponse] }) points: HeadcountPointResponse[];
}

export class HeadcountResponse implements HeadcountReport {
  @ApiProperty({ enum: HEADCOUNT_GROUPS }) groupBy: (typeof HEADCOUNT_GROUPS)[number];
  @ApiProperty({ enum: ['month'] }) interval: 'month';
  @ApiProperty({ example: '2025-06' }) from: string;
  @ApiProperty({ example: '2026-05' }) to: string;
  @ApiProperty({ type: [HeadcountSeriesResponse] }) series: HeadcountSeriesResponse[];
}
