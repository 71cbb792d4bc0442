import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something an operator should look at: a missing staffing report, seats below target, a
 * silent seat feed. At most one open alert per (kind, dedupeKey); raising it again while open
 * changes nothing but its message and details.
 */
@Entity('alert')
export class Alert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: string;

  @Column('uuid', { nullable: true })
  siteId: string | null;

  @Column('uuid', { nullable: true })
  partnerId: string | null;

  @Column('text')
  dedupeKey: string;

  @Column('text')
  message: string;

  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  @Column('timestamptz')
  openedAt: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  get open(): boolean {
    return this.resolvedAt === null;
  }
}
