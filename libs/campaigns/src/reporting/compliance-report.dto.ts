import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { REPORT_RULES, type ReportRule } from '#contracts';
import { PageQuery } from '#core';

const FORMATS = ['json', 'csv'] as const;

export class ComplianceReportQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'first day (Paris), default the first of this month',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'last day (Paris), included; default today, or the end of from’s month',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ enum: FORMATS, default: 'json', description: 'csv: a file download' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: (typeof FORMATS)[number];
}

export class ComplianceAttemptsQuery extends ComplianceReportQuery {
  @ApiPropertyOptional({
    enum: [...REPORT_RULES, 'flagged'],
    description: 'only attempts counted under this rule (flagged: any rule but a refusal, or an incident)',
  })
  @IsOptional()
  @IsIn([...REPORT_RULES, 'flagged'])
  rule?: ReportRule | 'flagged';
}
