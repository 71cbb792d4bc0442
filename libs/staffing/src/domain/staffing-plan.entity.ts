import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The headcount a manager plans for a site at the end of a month. */
@Entity('staffing_plan')
export class StaffingPlan {
  @PrimaryColumn('uuid') siteId: string;
  /** first day of the month, `YYYY-MM-01` */
  @PrimaryColumn('date') month: string;
  @Column('integer') headcount: number;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text') updatedBy: string;
  @Column('timestamptz') updatedAt: Date;
}
