import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PeriodKind } from './report-period.js';

export type ReportSource = 'api' | 'csv' | 'seed';

const decimal = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * What a partner declared for one site and one day or ISO week. A second report for the same
 * site and period is a correction: a new version becomes `current`, the old ones stay.
 */
@Entity('staffing_report')
export class StaffingReport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') siteId: string;
  @Column('uuid') partnerId: string;
  @Column('text') period: string;
  @Column('text') periodKind: PeriodKind;
  @Column('date') periodStart: string;
  @Column('date') periodEnd: string;
  @Column('integer') version: number;
  @Column('boolean') current: boolean;
  @Column('integer') agentsInProduction: number;
  @Column('integer') agentsInTraining: number;
  @Column('integer') teamLeaders: number;
  @Column('integer') supervisors: number;
  @Column('integer') trainersQa: number;
  @Column('integer') hires: number;
  @Column('integer') leavers: number;
  @Column('integer') seatsInstalled: number;
  @Column('integer') seatsStaffed: number;
  @Column('numeric', { precision: 5, scale: 2, transformer: decimal }) absenteeismPct: number;
  @Column('text', { nullable: true }) attritionNotes: string | null;
  @Column('text') source: ReportSource;
  @Column('uuid', { nullable: true }) uploadId: string | null;
  @Column('text') submittedByType: string;
  @Column('text', { nullable: true }) submittedById: string | null;
  @Column('timestamptz') submittedAt: Date;
}
