import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CALL_OUTCOMES,
  type ComplianceAttemptRow,
  type ComplianceReport,
  type ComplianceReportRow,
  INCIDENT_KINDS,
  REPORT_RULES,
} from '#contracts';
import { ApiErrorResponses } from '#core';
import { Allow, Role } from '#identity/access';
import { ComplianceAttemptsQuery, ComplianceReportQuery } from './compliance-report.dto.js';
import { ComplianceReportService } from './compliance-report.service.js';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

class ComplianceReportRowResponse implements ComplianceReportRow {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() partnerName: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ example: 'MA' }) country: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() campaignName: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'attempts outside the consumer’s calling window' }) outsideWindow: number;
  @ApiProperty({ description: 'attempts reported after their lease expired' }) lateReports: number;
  @ApiProperty({ description: 'refused and do_not_call outcomes recorded' }) refusals: number;
  @ApiProperty({ description: 'calls to a consumer whose refusal had withdrawn the contact' })
  calledAfterWithdrawal: number;
  @ApiProperty({ description: 'calls presenting a number outside the ARCEP ranges' })
  callerNumberOutsideArcep: number;
  @ApiProperty({ ...COUNTS, example: { outside_calling_window: 1 } })
  incidents: ComplianceReportRow['incidents'];
}

class ComplianceReportResponse implements ComplianceReport {
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ type: [ComplianceReportRowResponse] }) rows: ComplianceReportRowResponse[];
  @ApiProperty({ ...COUNTS, description: `attempts by rule: ${REPORT_RULES.join(', ')}` })
  byRule: ComplianceReport['byRule'];
  @ApiProperty({ ...COUNTS, example: { attempts: 120, incidents: 2 } })
  totals: ComplianceReport['totals'];
}

class ComplianceAttemptResponse implements ComplianceAttemptRow {
  @ApiProperty({ format: 'uuid' }) attemptId: string;
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty({ format: 'date-time' }) attemptedAt: string;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() campaignName: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty() partnerName: string;
  @ApiProperty() country: string;
  @ApiProperty({ enum: CALL_OUTCOMES }) outcome: ComplianceAttemptRow['outcome'];
  @ApiProperty({ enum: REPORT_RULES, isArray: true }) rules: ComplianceAttemptRow['rules'];
  @ApiProperty({ enum: INCIDENT_KINDS, isArray: true }) incidents: ComplianceAttemptRow['incidents'];
  @ApiProperty({ type: String, nullable: true }) callerNumber: string | null;
}

class ComplianceAttemptsResponse {
  @ApiProperty({ type: [ComplianceAttemptResponse] }) items: ComplianceAttemptResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

function csv(reply: FastifyReply, name: string, text: string): string {
  void reply.header('content-type', 'text/csv; charset=utf-8');
  void reply.header('content-disposition', `attachment; filename="${name}"`);
  return text;
}

@ApiTags('compliance')
@Controller('compliance')
export class ComplianceReportController {
  constructor(private readonly reports: ComplianceReportService) {}

  @Get('report')
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'Compliance report per month, partner, site and campaign (JSON, or CSV with format=csv)',
    description:
      'Attempts, calls outside the consumer’s window, late reports, refusals, calls after a withdrawal, caller ' +
      'numbers outside the ARCEP ranges and incidents by kind; byRule counts attempts per rule. Each count is ' +
      'the total of GET /compliance/attempts with the same filters and that rule.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ComplianceReportResponse })
  @ApiErrorResponses(400)
  async report(
    @Query() query: ComplianceReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplianceReportResponse | string> {
    const report = await this.reports.report(query);
    if (query.format !== 'csv') return report;
    return csv(reply, `compliance-${report.from}-${report.to}.csv`, this.reports.reportCsv(report));
  }

  @Get('attempts')
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'The attempts behind the compliance report, with their rules and incidents (JSON page, or CSV)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ComplianceAttemptsResponse })
  @ApiErrorResponses(400, 422)
  async attempts(
    @Query() query: ComplianceAttemptsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplianceAttemptsResponse | string> {
    if (query.format !== 'csv') return this.reports.attempts(query);
    return csv(reply, 'compliance-attempts.csv', await this.reports.attemptsCsv(query));
  }
}
