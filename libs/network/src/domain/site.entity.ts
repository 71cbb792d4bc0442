import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { SiteStatus } from '#contracts';
import { Partner } from './partner.entity.js';

export const ONSHORE_COUNTRY = 'FR';

/** A contact-centre floor run by one partner, in one city and time zone. */
@Entity('site')
export class Site {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  partnerId: string;

  @ManyToOne(() => Partner)
  @JoinColumn({ name: 'partner_id' })
  partner?: Relation<Partner>;

  @Column('text')
  name: string;

  @Column('text')
  city: string;

  @Column('char', { length: 2 })
  country: string;

  @Column('text')
  timeZone: string;

  @Column('integer')
  installedSeats: number;

  @Column('text')
  status: SiteStatus;

  @Column('date', { nullable: true })
  openedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  get onshore(): boolean {
    return this.country === ONSHORE_COUNTRY;
  }
}
