import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Campaign } from './campaign.entity.js';
import { numeric } from './numeric.js';

/** A site eligible to work a campaign: its contractual terms and its current share of the volume. */
@Entity('campaign_site')
export class CampaignSite {
  @PrimaryColumn('uuid')
  campaignId: string;

  @PrimaryColumn('uuid')
  siteId: string;

  @ManyToOne(() => Campaign, (campaign) => campaign.sites, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<Campaign>;

  @Column('numeric', { precision: 10, scale: 2, nullable: true, transformer: numeric })
  costPerHour: number | null;

  @Column('numeric', { name: 'floor_share', precision: 6, scale: 5, default: 0, transformer: numeric })
  floor: number;

  @Column('numeric', { name: 'cap_share', precision: 6, scale: 5, default: 1, transformer: numeric })
  cap: number;

  @Column('boolean', { default: false })
  testCell: boolean;

  @Column('numeric', { precision: 8, scale: 7, default: 0, transformer: numeric })
  share: number;

  @Column('integer', { default: 0 })
  assigned: number;

  /** when the site joined the campaign (a new partner enters a running test as a test cell) */
  @Column('timestamptz', { default: () => 'now()' })
  joinedAt: Date;
}
