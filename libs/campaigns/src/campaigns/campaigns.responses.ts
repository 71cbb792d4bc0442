import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALLOCATION_STRATEGIES,
  type AllocationStrategy,
  CAMPAIGN_STATUSES,
  type CampaignSiteView,
  type CampaignStatus,
  type CampaignView,
  TEST_OBJECTIVES,
  type TestObjective,
  type TestSettingsView,
} from '#contracts';
import type { CampaignWithSites } from './campaigns.service.js';

export class CampaignSiteResponse implements CampaignSiteView {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiPropertyOptional() siteName?: string;
  @ApiPropertyOptional({ format: 'uuid' }) partnerId?: string;
  @ApiPropertyOptional({ example: 'MA' }) country?: string;
  @ApiProperty({ type: Number, nullable: true }) costPerHour: number | null;
  @ApiProperty() floor: number;
  @ApiProperty() cap: number;
  @ApiProperty() testCell: boolean;
  @ApiProperty({ description: 'current share of the volume (allocation job)' }) share: number;
  @ApiProperty() assigned: number;
}

export class TestSettingsResponse implements TestSettingsView {
  @ApiProperty({ description: 'reached contacts every test-cell site needs before the split leaves even' })
  minReached: number;
  @ApiProperty({ description: 'P(best) at which a site is declared better' }) confidence: number;
  @ApiProperty({ enum: TEST_OBJECTIVES }) objective: TestObjective;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) winnerSiteId: string | null;
}

export class CampaignResponse implements CampaignView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() product: string;
  @ApiProperty({ type: String, nullable: true }) objective: string | null;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: CampaignStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startsAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endsAt: string | null;
  @ApiProperty() targetVolume: number;
  @ApiProperty({ example: '+33162000001' }) callerNumber: string;
  @ApiProperty({
    type: [String],
    example: ['prevoyance'],
    description:
      'the contract offers the product relates to: current_contract contacts of other offers are not called',
  })
  contractOffers: string[];
  @ApiProperty({ enum: ALLOCATION_STRATEGIES }) allocationStrategy: AllocationStrategy;
  @ApiProperty({
    description:
      'Contacts the campaign may call or has called; numbers withheld at import or withdrawn since are not ' +
      'counted. The same count as progress’s contacts, and what each site’s share of the volume is a share of.',
  })
  contactCount: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) allocationComputedAt: string | null;
  @ApiProperty({ type: TestSettingsResponse }) test: TestSettingsResponse;
  @ApiProperty({ type: [CampaignSiteResponse] }) sites: CampaignSiteResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of({ campaign, sites }: CampaignWithSites): CampaignResponse {
    return {
      id: campaign.id,
      name: campaign.name,
      product: campaign.product,
      objective: campaign.objective,
      status: campaign.status,
      startsAt: campaign.startsAt?.toISOString() ?? null,
      endsAt: campaign.endsAt?.toISOString() ?? null,
      targetVolume: campaign.targetVolume,
      callerNumber: campaign.callerNumber,
      contractOffers: campaign.contractOffers,
      allocationStrategy: campaign.allocationStrategy,
      contactCount: campaign.contactCount,
      allocationComputedAt: campaign.allocationComputedAt?.toISOString() ?? null,
      test: {
        minReached: campaign.testMinReached,
        confidence: campaign.testConfidence,
        objective: campaign.testObjective,
        endedAt: campaign.testEndedAt?.toISOString() ?? null,
        winnerSiteId: campaign.testWinnerSiteId,
      },
      createdAt: campaign.createdAt.toISOString(),
      sites: sites.map((row) => ({
        siteId: row.siteId,
        siteName: row.site?.name,
        partnerId: row.site?.partnerId,
        country: row.site?.country,
        costPerHour: row.costPerHour,
        floor: row.floor,
        cap: row.cap,
        testCell: row.testCell,
        share: row.share,
        assigned: row.assigned,
      })),
    };
  }
}
