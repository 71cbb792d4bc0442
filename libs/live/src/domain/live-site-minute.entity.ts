import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Seats of a site by state in one minute (sampled once a minute): occupancy over the day. */
@Entity('live_site_minute')
export class LiveSiteMinute {
  @PrimaryColumn('uuid')
  siteId: string;

  @PrimaryColumn('timestamptz')
  minute: Date;

  @Column('integer') seats: number;
  @Column('integer') offline: number;
  @Column('integer') available: number;
  @Column('integer') onCall: number;
  @Column('integer') wrapUp: number;
  @Column('integer') paused: number;
  @Column('integer') staffed: number;
  /** paused seats by reason (the rest of `paused` gave none) */
  @Column('integer') pausedBreak: number;
  @Column('integer') pausedLunch: number;
  @Column('integer') pausedTraining: number;
  @Column('integer') pausedBriefing: number;
  @Column('integer') pausedCoaching: number;
  @Column('integer') pausedTechnical: number;

  @Column('numeric', {
    precision: 5,
    scale: 4,
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) },
  })
  occupancy: number | null;
}
