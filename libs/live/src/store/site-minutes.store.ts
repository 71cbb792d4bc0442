import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PAUSE_REASONS, type PauseReasonCounts, type SeatState, type SeatStateCounts } from '#contracts';
import type { AppliedChange } from '../application/live-store.js';
import { LiveSiteMinute } from '../domain/live-site-minute.entity.js';

const STATE_COLUMNS: Record<SeatState, string> = {
  offline: 'offline',
  available: 'available',
  on_call: 'on_call',
  wrap_up: 'wrap_up',
  paused: 'paused',
};

/** Seat-minutes of one site in one 30-minute interval of the minute history. */
export interface IntervalSeatMinutes {
  siteId: string;
  /** interval start, epoch ms */
  start: number;
  /** minutes of the interval that have a sample (at most 30); the others are gaps */
  minutes: number;
  /** seat-minutes by state */
  counts: SeatStateCounts;
  /** paused seat-minutes by reason */
  pauses: PauseReasonCounts;
}

/** live_site_minute, the seat-minute history (one row per site and minute): the only code that queries it. */
@Injectable()
export class SiteMinuteStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes these minutes, each replacing a row of the same site and minute. */
  async write(minutes: LiveSiteMinute[]): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(LiveSiteMinute)
      .values(minutes)
      .orUpdate(
        [
          'seats',
          'offline',
          'available',
          'on_call',
          'wrap_up',
          'paused',
          'staffed',
          'occupancy',
          ...PAUSE_REASONS.map((reason) => `paused_${reason}`),
        ],
        ['site_id', 'minute'],
      )
      .execute();
  }

  /** A site's minutes in [from, to), in order. */
  ofSite(siteId: string, from: Date, to: Date): Promise<LiveSiteMinute[]> {
    return this.dataSource
      .getRepository(LiveSiteMinute)
      .createQueryBuilder('m')
      .where('m.siteId = :siteId', { siteId })
      .andWhere('m.minute >= :from AND m.minute < :to', { from, to })
      .orderBy('m.minute', 'ASC')
      .getMany();
  }

  /**
   * Moves one seat, in each of a site's minutes in [from, to) that counted it in its previous
   * state, from that state (and pause reason) to the change's; staffed and occupancy follow.
   * Returns how many minutes it corrected.
   */
  async moveSeat(siteId: string, change: AppliedChange, from: Date, to: Date): Promise<number> {
    const previous = change.previousState ?? 'offline';
    const delta = new Map<string, number>();
    const move = (column: string, by: number) => delta.set(column, (delta.get(column) ?? 0) + by);
    move(STATE_COLUMNS[previous], -1);
    move(STATE_COLUMNS[change.state], 1);
    if (previous === 'paused' && change.previousPauseReason) move(`paused_${change.previousPauseReason}`, -1);
    if (change.state === 'paused' && change.pauseReason) move(`paused_${change.pauseReason}`, 1);
    move('staffed', (change.state !== 'offline' ? 1 : 0) - (previous !== 'offline' ? 1 : 0));
    const moves = [...delta].filter(([, by]) => by !== 0);
    if (!moves.length) return 0;
    const after = (column: string) => `(${column} + ${delta.get(column) ?? 0})`;
    const busy = `${after('on_call')} + ${after('wrap_up')}`;
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE live_site_minute
          SET ${moves.map(([column, by]) => `${column} = ${column} + ${by}`).join(', ')},
              occupancy = CASE WHEN ${busy} + ${after('available')} > 0
                               THEN round((${busy})::numeric / (${busy} + ${after('available')}), 4) END
        WHERE site_id = $1 AND minute >= $2 AND minute < $3 AND ${STATE_COLUMNS[previous]} > 0`,
      [siteId, from, to],
    );
    return Number(result[1] ?? 0);
  }

  /**
   * Per site and 30-minute interval (aligned on UTC half-hours), how many minutes were sampled
   * and the seat-minutes of each state and pause reason.
   */
  async seatMinutesByInterval(
    siteIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<IntervalSeatMinutes[]> {
    if (!siteIds.length) return [];
    const rows: Array<Record<string, string | number | Date>> = await this.dataSource.query(
      `SELECT site_id, to_timestamp(floor(extract(epoch FROM minute) / 1800) * 1800) AS start,
              count(*)::int AS minutes,
              sum(offline)::int AS offline, sum(available)::int AS available, sum(on_call)::int AS on_call,
              sum(wrap_up)::int AS wrap_up, sum(paused)::int AS paused,
              ${PAUSE_REASONS.map((reason) => `sum(paused_${reason})::int AS paused_${reason}`).join(', ')}
         FROM live_site_minute
        WHERE site_id = ANY($1::uuid[]) AND minute >= $2 AND minute < $3
        GROUP BY 1, 2`,
      [siteIds, from, to],
    );
    return rows.map((row) => ({
      siteId: row.site_id as string,
      start: new Date(row.start as Date).getTime(),
      minutes: Number(row.minutes),
      counts: {
        offline: Number(row.offline),
        available: Number(row.available),
        on_call: Number(row.on_call),
        wrap_up: Number(row.wrap_up),
        paused: Number(row.paused),
      },
      pauses: Object.fromEntries(
        PAUSE_REASONS.map((reason) => [reason, Number(row[`paused_${reason}`])]),
      ) as PauseReasonCounts,
    }));
  }
}
