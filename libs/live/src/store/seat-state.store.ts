import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PauseReason, SeatState } from '#contracts';
import { Clock } from '#core';
import type { SeatRecord } from '../application/live-store.js';

export type SavedSeat = SeatRecord & { seatId: string };

/**
 * live_seat_state: each seat's newest acknowledged state, in PostgreSQL. Seat events are saved
 * here before they are acknowledged, so a live store that loses its state (embedded mode after a
 * SIGKILL, a Redis restarted without persistence) is rebuilt from it with nothing acknowledged
 * missing. A save never replaces a newer saved state (batches of one seat may commit out of order).
 */
@Injectable()
export class SeatStateStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * One statement per call; of several records of one seat the last one counts. Rows are written
   * in seat order, so two batches of one site saved at once (two api nodes, two requests) take
   * their row locks in the same order and never deadlock.
   */
  async save(siteId: string, records: Iterable<SavedSeat>): Promise<void> {
    const newest = new Map<string, SavedSeat>();
    for (const record of records) newest.set(record.seatId, record);
    if (!newest.size) return;
    const seats = [...newest.values()].sort((a, b) =>
      a.seatId < b.seatId ? -1 : a.seatId > b.seatId ? 1 : 0,
    );
    await this.dataSource.query(
      `INSERT INTO live_seat_state (seat_id, site_id, state, campaign_id, pause_reason, at, since, saved_at)
       SELECT s.seat_id, $1, s.state, s.campaign_id, s.pause_reason,
              'epoch'::timestamptz + s.at * interval '1 millisecond',
              'epoch'::timestamptz + s.since * interval '1 millisecond', $8
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::bigint[], $7::bigint[])
              WITH ORDINALITY AS s(seat_id, state, campaign_id, pause_reason, at, since, n)
        ORDER BY s.n
       ON CONFLICT (seat_id) DO UPDATE
          SET site_id = EXCLUDED.site_id, state = EXCLUDED.state, campaign_id = EXCLUDED.campaign_id,
              pause_reason = EXCLUDED.pause_reason, at = EXCLUDED.at, since = EXCLUDED.since,
              saved_at = EXCLUDED.saved_at
        WHERE live_seat_state.at <= EXCLUDED.at`,
      [
        siteId,
        seats.map((seat) => seat.seatId),
        seats.map((seat) => seat.state),
        seats.map((seat) => seat.campaignId),
        seats.map((seat) => seat.pauseReason),
        seats.map((seat) => seat.at),
        seats.map((seat) => seat.since),
        this.clock.now(),
      ],
    );
  }

  /** Every saved seat state, by site. */
  async bySite(): Promise<Map<string, SavedSeat[]>> {
    const rows: Array<{
      seat_id: string;
      site_id: string;
      state: SeatState;
      campaign_id: string | null;
      pause_reason: PauseReason | null;
      at: Date;
      since: Date;
    }> = await this.dataSource.query(
      `SELECT seat_id, site_id, state, campaign_id, pause_reason, at, since FROM live_seat_state`,
    );
    const bySite = new Map<string, SavedSeat[]>();
    for (const row of rows) {
      let seats = bySite.get(row.site_id);
      if (!seats) bySite.set(row.site_id, (seats = []));
      seats.push({
        seatId: row.seat_id,
        state: row.state,
        campaignId: row.campaign_id,
        pauseReason: row.pause_reason,
        at: new Date(row.at).getTime(),
        since: new Date(row.since).getTime(),
      });
    }
    return bySite;
  }
}
