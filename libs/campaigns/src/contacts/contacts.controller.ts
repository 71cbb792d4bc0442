import type { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorResponses, multipartFile, type SiteScope, UuidParam } from '#core';
import { type Actor, Allow, CallerScope, CurrentActor, Role } from '#identity/access';
import { CampaignsError } from '../domain/campaigns.error.js';
import { SuppressionsDto } from '../dispatch/dispatch.dto.js';
import { CONTACT_COLUMNS } from './contact-row.js';
import { ContactImportService } from './contact-import.service.js';
import {
  ImportResponse,
  OppositionListStatusResponse,
  SuppressionResultResponse,
} from './contacts.responses.js';
import { SuppressionsService } from './suppressions.service.js';

@ApiTags('campaigns')
@Controller()
export class ContactsController {
  constructor(
    private readonly imports: ContactImportService,
    private readonly suppressions: SuppressionsService,
  ) {}

  @Post('campaigns/:id/contacts')
  @HttpCode(202)
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'Import contacts from a CSV (streamed); returns the import, merged by a job',
    description:
      `Columns (header required): ${CONTACT_COLUMNS.join(', ')}. lawful_basis is consent (with consent_date ` +
      'YYYY-MM-DD and consent_proof) or current_contract (with contract_ref and contract_offer, and optionally ' +
      'contract_end, the last day the contract is in force: it is not called after it, nor for a campaign that ' +
      'does not relate to its offer). Numbers are ' +
      'normalised to E.164; duplicates are merged; rows without a lawful basis are rejected with their line. ' +
      'A malformed file is refused whole. Send text/csv, or multipart/form-data with the file in "file".',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAcceptedResponse({ type: ImportResponse })
  @ApiErrorResponses(400, 404, 409)
  async upload(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ImportResponse> {
    const csv = await csvStreamOf(request);
    return ImportResponse.of(await this.imports.start(id, csv, actor.label), []);
  }

  @Get('imports/:id')
  @Allow(Role.Admin, Role.Manager, Role.Supervisor)
  @ApiOperation({ summary: 'Progress and final report of an import (rejected rows by line, with reasons)' })
  @ApiOkResponse({ type: ImportResponse })
  @ApiErrorResponses(400, 404)
  async get(@CallerScope() scope: SiteScope, @Param('id', UuidParam) id: string): Promise<ImportResponse> {
    const { job, rejections } = await this.imports.get(scope, id);
    return ImportResponse.of(job, rejections);
  }

  @Post('suppressions')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({ summary: 'Put numbers on the opposition list: never called again, in any campaign' })
  @ApiOkResponse({ type: SuppressionResultResponse })
  @ApiErrorResponses(400)
  async suppress(
    @CurrentActor() actor: Actor,
    @Body() body: SuppressionsDto,
  ): Promise<SuppressionResultResponse> {
    return this.suppressions.suppress(body.phones, body.source ?? `api:${actor.label}`, actor.label);
  }

  @Get('suppressions/status')
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'The opposition list’s last refresh (a suppressions upload with source "bloctel") and its age',
    description:
      'A list older than 30 days (or never refreshed) is stale: launching a campaign then needs a confirmation.',
  })
  @ApiOkResponse({ type: OppositionListStatusResponse })
  async oppositionList(): Promise<OppositionListStatusResponse> {
    return this.suppressions.oppositionList();
  }
}

async function csvStreamOf(request: FastifyRequest): Promise<Readable> {
  if (request.isMultipart()) {
    const file = await multipartFile(request);
    if (!file) throw CampaignsError.unsupportedUpload('multipart/form-data without a file');
    return file.file;
  }
  const type = request.headers['content-type'];
  if (!type?.startsWith('text/csv') || !request.body) throw CampaignsError.unsupportedUpload(type);
  return request.body as Readable;
}
