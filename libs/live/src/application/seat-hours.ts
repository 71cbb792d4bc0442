import { Injectable } from '@nestjs/common';
import { SeatHoursReader } from '#campaigns';
import { OccupancyRollup } from './occupancy-rollup.js';

/** Campaigns' SeatHoursReader port: staffed seat-minutes of the seat-minute history, / 60. */
@Injectable()
export class LiveSeatHours implements SeatHoursReader {
  constructor(private readonly history: OccupancyRollup) {}

  async staffedHours(siteId: string, from: Date, to: Date): Promise<number> {
    const intervals = await this.history.seatMinutesByInterval([siteId], from, to);
    const seatMinutes = intervals.reduce(
      (sum, { counts }) => sum + counts.available + counts.on_call + counts.wrap_up + counts.paused,
      0,
    );
    return seatMinutes / 60;
  }
}
