import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PauseReason, SeatState } from '#contracts';

/** The newest acknowledged state of a seat (see SeatStateStore): the live store is filled from it after a restart or an emptied Redis. */
@Entity('live_seat_state')
export class LiveSeatState {
  @PrimaryColumn('uuid')
  seatId: string;

  @Column('uuid')
  siteId: string;

  @Column('text')
  state: SeatState;

  @Column('uuid', { nullable: true })
  campaignId: string | null;

  @Column('text', { nullable: true })
  pauseReason: PauseReason | null;

  @Column('timestamptz')
  at: Date;

  @Column('timestamptz')
  since: Date;

  @Column('timestamptz')
  savedAt: Date;
}
