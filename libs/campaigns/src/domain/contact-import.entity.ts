import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportStatus } from '#contracts';

/** One CSV upload: staged rows, then merged into the campaign by the `campaigns.import` job. */
@Entity('contact_import')
export class ContactImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  campaignId: string;

  @Column('text')
  status: ImportStatus;

  @Column('integer', { default: 0 })
  rows: number;

  @Column('integer', { default: 0 })
  valid: number;

  @Column('integer', { default: 0 })
  rejected: number;

  @Column('integer', { default: 0 })
  processed: number;

  /** staged lines up to this one are merged (resumption point of a retried job) */
  @Column('integer', { default: 0 })
  mergedThrough: number;

  @Column('integer', { default: 0 })
  created: number;

  @Column('integer', { default: 0 })
  merged: number;

  @Column('integer', { default: 0 })
  suppressed: number;

  /** valid rows whose consumer's clock came from the address, from the number, or fell back to Paris */
  @Column('integer', { default: 0 })
  clockFromAddress: number;

  @Column('integer', { default: 0 })
  clockFromNumber: number;

  @Column('integer', { default: 0 })
  clockFallback: number;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('text', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
