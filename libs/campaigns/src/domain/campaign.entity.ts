import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { AllocationStrategy, CampaignStatus, TestObjective } from '#contracts';
import { CampaignSite } from './campaign-site.entity.js';
import { numeric } from './numeric.js';

/** A relational-marketing campaign towards the insurer's customers in France. */
@Entity('campaign')
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  product: string;

  @Column('text', { nullable: true })
  objective: string | null;

  @Column('text')
  status: CampaignStatus;

  @Column('timestamptz', { nullable: true })
  startsAt: Date | null;

  @Column('timestamptz', { nullable: true })
  endsAt: Date | null;

  @Column('integer')
  targetVolume: number;

  /** E.164, in the ARCEP ranges for automated callers */
  @Column('text')
  callerNumber: string;

  /** the contract offers its product relates to: only `current_contract` contacts of these offers are called */
  @Column('text', { array: true, default: () => "'{}'" })
  contractOffers: string[];

  @Column('text')
  allocationStrategy: AllocationStrategy;

  /** contacts it may call or has called (`countedContactSql`), kept by imports and suppressions */
  @Column('integer', { default: 0 })
  contactCount: number;

  @Column('timestamptz', { nullable: true })
  allocationComputedAt: Date | null;

  @Column('text', { nullable: true })
  createdBy: string | null;

  /** reached contacts every test-cell site needs before the split leaves its starting point */
  @Column('integer', { default: 50 })
  testMinReached: number;

  /** P(best) at which a test is decided (the verdict) and from which the split follows the evidence */
  @Column('numeric', { precision: 4, scale: 3, default: 0.95, transformer: numeric })
  testConfidence: number;

  @Column('text', { default: 'conversion' })
  testObjective: TestObjective;

  /** when a manager ended the test and kept its winner */
  @Column('timestamptz', { nullable: true })
  testEndedAt: Date | null;

  @Column('uuid', { nullable: true })
  testWinnerSiteId: string | null;

  @OneToMany(() => CampaignSite, (site) => site.campaign, { cascade: ['insert'] })
  sites?: Relation<CampaignSite>[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
