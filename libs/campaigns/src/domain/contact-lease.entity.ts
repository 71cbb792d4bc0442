import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LeaseStatus = 'open' | 'closed' | 'expired';

/** A batch of contacts handed to one site's dialer until `expiresAt`. */
@Entity('contact_lease')
export class ContactLease {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  siteId: string;

  @Column('text', { nullable: true })
  leasedBy: string | null;

  @Column('timestamptz')
  leasedAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('integer')
  size: number;

  @Column('integer', { default: 0 })
  reported: number;

  @Column('text')
  status: LeaseStatus;
}
