import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what to which record, when, from where. Written for every successful write. */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
  @Column('text') actorType: string;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text') actorLabel: string;
  @Column('text', { nullable: true }) role: string | null;
  @Column('uuid', { nullable: true }) partnerId: string | null;
  @Column('text') action: string;
  @Column('text') entity: string;
  @Column('text', { nullable: true }) entityId: string | null;
  @Column('integer') status: number;
  @Column('text', { nullable: true }) ip: string | null;
  @Column('text', { nullable: true }) requestId: string | null;
}
