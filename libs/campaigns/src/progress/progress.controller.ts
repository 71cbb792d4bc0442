import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  type CampaignProgress,
  type CampaignStatus,
  LEASE_EMPTY_REASONS,
  type SiteProgress,
  type TransparencyRow,
} from '#contracts';
import { IsString, Length } from 'class-validator';
import { ApiErrorResponses, PageQuery, type SiteScope, UuidParam } from '#core';
import { Allow, CallerScope, Role } from '#identity/access';
import { TransparencyService } from './transparency.service.js';
import { ProgressService } from './progress.service.js';

class SiteProgressResponse implements SiteProgress {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty() country: string;
  @ApiProperty() attempts: number;
  @ApiProperty() reached: number;
  @ApiProperty() sales: number;
  @ApiProperty({ type: Number, nullable: true }) conversion: number | null;
  @ApiProperty() share: number;
}

class CampaignProgressResponse implements CampaignProgress {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() status: CampaignStatus;
  @ApiProperty({
    description:
      'The campaign’s contacts: those it may call or has called (contactsLeft + done); numbers withheld at ' +
      'import or withdrawn since (suppressed) are not among them. The same count as the campaign’s contactCount.',
  })
  contacts: number;
  @ApiProperty() contactsLeft: number;
  @ApiProperty() leased: number;
  @ApiProperty() done: number;
  @ApiProperty() suppressed: number;
  @ApiProperty() attempts: number;
  @ApiProperty() reached: number;
  @ApiProperty() sales: number;
  @ApiProperty({ type: Number, nullable: true }) conversion: number | null;
  @ApiProperty({ type: [SiteProgressResponse] }) bySite: SiteProgressResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { outside_calling_hours: 120 },
  })
  complianceRefusals: CampaignProgress['complianceRefusals'];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { contract_ended: 3, outside_calling_hours: 120 },
    description: `contacts waiting, by the first thing keeping each from a lease now, as an empty lease counts them (${LEASE_EMPTY_REASONS.join(', ')})`,
  })
  waiting: CampaignProgress['waiting'];
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'the earliest moment a queued contact may lawfully be called; null when none ever may',
  })
  nextLawfulAt: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

class TransparencyRowResponse implements TransparencyRow {
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty() phone: string;
  @ApiProperty({ format: 'date-time' }) attemptedAt: string;
  @ApiProperty() outcome: TransparencyRow['outcome'];
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty() partnerName: string;
  @ApiProperty({ example: 'MA' }) country: string;
}

class TransparencyResponse {
  @ApiProperty({ type: [TransparencyRowResponse] }) items: TransparencyRowResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { MA: 3, FR: 1 },
  })
  byCountry: Record<string, number>;
}

class ConsumerCallsQuery extends PageQuery {
  @ApiProperty({ example: '+33612345678' })
  @IsString()
  @Length(4, 40)
  phone: string;
}

@ApiTags('campaigns')
@Controller()
export class ProgressController {
  constructor(
    private readonly progress: ProgressService,
    private readonly transparency: TransparencyService,
  ) {}

  @Get('campaigns/:id/progress')
  @Allow(Role.Admin, Role.Manager, Role.Supervisor)
  @ApiOperation({
    summary: 'Contacts left, attempts, reached, sales, conversion per site, compliance refusals by rule',
    description:
      'A supervisor limited to some sites sees a campaign one of them works, with only those sites (and the ' +
      'attempts, reached and sales totals over them); the contact pool figures are the whole campaign’s.',
  })
  @ApiOkResponse({ type: CampaignProgressResponse })
  @ApiErrorResponses(400, 404)
  async of(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
  ): Promise<CampaignProgressResponse> {
    return this.progress.of(scope, id);
  }

  @Get('campaigns/:id/transparency')
  @Allow(Role.Admin, Role.Manager, Role.Supervisor)
  @ApiOperation({
    summary: 'Where each customer of the campaign was called from (site, partner, country)',
    description: 'A supervisor limited to some sites sees the calls made from those sites only.',
  })
  @ApiOkResponse({ type: TransparencyResponse })
  @ApiErrorResponses(400, 404)
  async campaign(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: PageQuery,
  ): Promise<TransparencyResponse> {
    return this.transparency.forCampaign(scope, id, query);
  }

  @Get('consumers/calls')
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'Every call made to one customer, by any partner, and where it was made from',
    description:
      'The number goes in the query string, which request logs never keep (a path would be logged).',
  })
  @ApiOkResponse({ type: TransparencyResponse })
  @ApiErrorResponses(400)
  async consumer(@Query() query: ConsumerCallsQuery): Promise<TransparencyResponse> {
    return this.transparency.forConsumer(query.phone, query);
  }
}
