import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import {
  COST_SOURCES,
  type CostSource,
  CURRENCIES,
  type Currency,
  type CampaignVerdictView,
  type ShareHistoryView,
  type SiteVerdictView,
  TEST_OBJECTIVES,
  type TestObjective,
  VERDICT_STATUSES,
  type VerdictStatus,
} from '#contracts';
import { ApiErrorResponses, type SiteScope, UuidParam } from '#core';
import { Allow, ALL_ROLES, CallerScope, Role } from '#identity/access';
import { CampaignSiteDto } from '../campaigns/campaigns.dto.js';
import { CampaignResponse } from '../campaigns/campaigns.responses.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { TestCellsService } from './test-cells.service.js';
import { VerdictService } from './verdict.service.js';

class SiteVerdictResponse implements SiteVerdictView {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() testCell: boolean;
  @ApiProperty({ description: 'current share of the volume' }) share: number;
  @ApiProperty() reached: number;
  @ApiProperty() sales: number;
  @ApiProperty({ type: Number, nullable: true, description: 'sales / reached' }) conversion: number | null;
  @ApiProperty({ description: 'lower bound of the 95% credible interval of the conversion' })
  conversionLow: number;
  @ApiProperty({ description: 'upper bound of the 95% credible interval of the conversion' })
  conversionHigh: number;
  @ApiProperty({ type: Number, nullable: true, description: 'P(best in the test cell); null for partners' })
  probabilityBest: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'expected loss of choosing this site, in the objective unit; null for partners',
  })
  expectedLoss: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'staffed hours while working the campaign' })
  hours: number | null;
  @ApiProperty({ type: Number, nullable: true }) costPerHour: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "euros the site cost while working the campaign: billing's (contract, exchange rate of the month) or the estimate (hours × cost per hour), as costSource says",
  })
  cost: number | null;
  @ApiProperty({ enum: COST_SOURCES, nullable: true, description: 'null when there is no cost' })
  costSource: CostSource | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example:
      'estimated from staffed hours x cost per hour: billing cannot price it: no MAD→EUR exchange rate for 2026-03',
  })
  costNote: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "billing's cost in the contract's currency" })
  contractCost: number | null;
  @ApiProperty({ enum: CURRENCIES, nullable: true }) contractCurrency: Currency | null;
  @ApiProperty({ type: Number, nullable: true }) costPerReached: number | null;
  @ApiProperty({ type: Number, nullable: true }) costPerSale: number | null;
  @ApiProperty({ type: Number, nullable: true }) salesPerEuro: number | null;
}

class CampaignVerdictResponse implements CampaignVerdictView {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ enum: TEST_OBJECTIVES }) objective: TestObjective;
  @ApiProperty() confidence: number;
  @ApiProperty() minReached: number;
  @ApiProperty({ enum: VERDICT_STATUSES, nullable: true, description: 'null for partners' })
  status: VerdictStatus | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) leaderSiteId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'reached contacts per site still needed' })
  neededPerSite: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sittel Casablanca converts better than Webhelp Rabat with 97% probability.',
  })
  sentence: string | null;
  @ApiProperty({ type: [SiteVerdictResponse] }) sites: SiteVerdictResponse[];
  @ApiProperty({ format: 'date-time' }) at: string;
}

class SharePointResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() share: number;
  @ApiProperty({ type: Number, nullable: true }) probabilityBest: number | null;
  @ApiProperty() reached: number;
  @ApiProperty() sales: number;
}

class ShareHistoryResponse implements ShareHistoryView {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ type: [SharePointResponse] }) points: SharePointResponse[];
}

class EndTestDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the test-cell site to keep; by default the site the verdict found better',
  })
  @IsOptional()
  @IsUUID()
  winnerSiteId?: string;
}

@ApiTags('campaigns')
@Controller('campaigns')
export class TestAndLearnController {
  constructor(
    private readonly verdicts: VerdictService,
    private readonly cells: TestCellsService,
    private readonly campaigns: CampaignsService,
  ) {}

  @Get(':id/verdict')
  @Allow(...ALL_ROLES)
  @ApiOperation({
    summary:
      'What the test has shown: conversion per site with 95% credible intervals, P(best), expected loss, costs',
    description:
      'The test-cell sites (all sites when the campaign has no test cell), compared on the campaign objective. ' +
      'A partner sees its own sites only, without the comparison fields (probabilityBest, expectedLoss, ' +
      'status, sentence, neededPerSite are null).',
  })
  @ApiOkResponse({ type: CampaignVerdictResponse })
  @ApiErrorResponses(400, 404)
  verdict(@CallerScope() scope: SiteScope, @Param('id', UuidParam) id: string): Promise<CampaignVerdictView> {
    return this.verdicts.of(scope, id);
  }

  @Get(':id/share-history')
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Each recomputed split of the volume, oldest first (the share trajectory)' })
  @ApiOkResponse({ type: ShareHistoryResponse })
  @ApiErrorResponses(400, 404)
  history(@CallerScope() scope: SiteScope, @Param('id', UuidParam) id: string): Promise<ShareHistoryView> {
    return this.verdicts.history(scope, id);
  }

  @Post(':id/sites')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'A site joins the campaign (a new partner enters the test as a test cell with its floor)',
    description:
      'In a test_and_learn campaign the site is a test cell unless testCell is false; a test cell joining an ' +
      'ended test opens it again. The split is recomputed at once.',
  })
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404, 409)
  async join(@Param('id', UuidParam) id: string, @Body() body: CampaignSiteDto): Promise<CampaignResponse> {
    await this.cells.join(id, body);
    return CampaignResponse.of(await this.campaigns.get({}, id));
  }

  @Post(':id/test/end')
  @HttpCode(200)
  @Allow(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'End the test and keep the winner: it takes the test cell volume up to its cap (audited)',
  })
  @ApiOkResponse({ type: CampaignResponse })
  @ApiErrorResponses(400, 404, 409)
  async end(@Param('id', UuidParam) id: string, @Body() body: EndTestDto): Promise<CampaignResponse> {
    await this.cells.end(id, body.winnerSiteId);
    return CampaignResponse.of(await this.campaigns.get({}, id));
  }
}
