import type {} from '@fastify/multipart';
import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiErrorResponses,
  ApiPageResponse,
  multipartFile,
  type Page,
  type SiteScope,
  UuidParam,
} from '#core';
import { Allow, ALL_ROLES, type Actor, CallerScope, CurrentActor, Role } from '#identity/access';
import type { Answer } from '../application/idempotency.js';
import { CSV_COLUMNS } from '../domain/report-row.js';
import { StaffingError } from '../domain/staffing.error.js';
import { reportView } from '../application/report-views.js';
import { ReportQuery, SubmitReportDto } from '../application/staffing.dto.js';
import { StaffingReportsService } from '../application/staffing-reports.service.js';
import { StaffingReportResponse, StaffingUploadResponse } from './staffing.responses.js';

const IdempotencyKeyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Retry safely: the same key with the same request gets the same answer (stored, not written twice); ' +
      'the same key with a different request is a 409.',
  });

/** Sends a (possibly replayed) stored answer with its original status. */
function answer<T>(reply: FastifyReply, result: Answer<T>): T {
  void reply.status(result.status);
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return result.body;
}

@ApiTags('staffing')
@Controller()
export class StaffingReportsController {
  constructor(private readonly reports: StaffingReportsService) {}

  @Post('sites/:id/staffing-reports')
  @Allow(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Report staffing for one site and one day or ISO week (a partner, for its own sites)',
    description:
      'A second report for the same site and period is a correction: stored as the next version, the old one kept. ' +
      'Rules: staffed seats <= installed seats, counts whole and non-negative, period not in the future (site time), site active.',
  })
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: StaffingReportResponse })
  @ApiErrorResponses(400, 404, 409)
  async submit(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: SubmitReportDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StaffingReportResponse> {
    return answer(reply, await this.reports.submit(actor, scope, id, body, idempotencyKey));
  }

  @Post('staffing-reports/uploads')
  @Allow(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Upload many staffing reports as CSV (multipart/form-data, field "file")',
    description:
      `Header line then one report per line; columns ${CSV_COLUMNS.join(',')} (attritionNotes optional). ` +
      'Every row is checked; one bad row refuses the whole file (400 invalid_rows, problems with their line numbers) and nothing is stored.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ type: StaffingUploadResponse })
  @ApiErrorResponses(400, 409)
  async upload(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Req() request: FastifyRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StaffingUploadResponse> {
    if (!request.isMultipart())
      throw StaffingError.invalidUpload('Send the CSV as multipart/form-data in a field named "file".');
    const file = await multipartFile(request);
    if (!file)
      throw StaffingError.invalidUpload('The form holds no file: send the CSV in a field named "file".');
    return answer(reply, await this.reports.upload(actor, scope, file.file, idempotencyKey));
  }

  @Get('staffing-reports')
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Staffing reports (current versions unless versions=all), newest period first' })
  @ApiPageResponse(StaffingReportResponse)
  @ApiErrorResponses(400)
  async list(
    @CallerScope() scope: SiteScope,
    @Query() query: ReportQuery,
  ): Promise<Page<StaffingReportResponse>> {
    const page = await this.reports.list(scope, query);
    return { ...page, items: page.items.map(reportView) };
  }

  @Get('sites/:id/staffing-reports/:period')
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Every version of a site’s report for a period, newest first' })
  @ApiOkResponse({ type: [StaffingReportResponse] })
  @ApiErrorResponses(400, 404)
  async history(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Param('period') period: string,
  ): Promise<StaffingReportResponse[]> {
    return (await this.reports.history(scope, id, period)).map(reportView);
  }
}
