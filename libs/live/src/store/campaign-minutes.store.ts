import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SeatRecord } from '../application/live-store.js';

/** Seat-minutes of one campaign, all its sites together, in one 30-minute interval (UTC half-hours). */
export interface CampaignIntervalMinutes {
  campaignId: string;
  /** interval start, epoch ms */
  start: number;
  /** minutes of the interval with a sample of this campaign (at most 30) */
  minutes: number;
  /** seat-minutes by state of the seats working the campaign */
  onCall: number;
  wrapUp: number;
  available: number;
  /** seat-minutes of seats not offline */
  staffed: number;
}

interface CampaignMinuteRow {
  siteId: string;
  campaignId: string;
  onCall: number;
  wrapUp: number;
  available: number;
  staffed: number;
}

/**
 * live_campaign_minute, live's minute history by campaign: the only code that queries it. The
 * rollup writes each site's seats by campaign and state once a minute (seats working on no
 * campaign and offline seats are left out); other contexts (planning's handle times) read it by
 * campaign and interval.
 */
@Injectable()
export class CampaignMinutesStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes the minute's rows of one site's seats (rewritten if the minute is sampled again). */
  async save(siteId: string, minute: Date, seats: Iterable<SeatRecord>): Promise<number> {
    const byCampaign = new Map<string, CampaignMinuteRow>();
    for (const seat of seats) {
      if (!seat.campaignId || seat.state === 'offline') continue;
      let row = byCampaign.get(seat.campaignId);
      if (!row)
        byCampaign.set(
          seat.campaignId,
          (row = { siteId, campaignId: seat.campaignId, onCall: 0, wrapUp: 0, available: 0, staffed: 0 }),
        );
      row.staffed++;
      if (seat.state === 'on_call') row.onCall++;
      else if (seat.state === 'wrap_up') row.wrapUp++;
      else if (seat.state === 'available') row.available++;
    }
    // in campaign order: two nodes sampling the same minute lock the rows in the same order (no deadlock)
    const rows = [...byCampaign.values()].sort((a, b) => (a.campaignId < b.campaignId ? -1 : 1));
    if (!rows.length) return 0;
    await this.dataSource.query(
      `INSERT INTO live_campaign_minute (campaign_id, minute, site_id, on_call, wrap_up, available, staffed)
       SELECT r.campaign_id, $1, $2, r.on_call, r.wrap_up, r.available, r.staffed
         FROM unnest($3::uuid[], $4::int[], $5::int[], $6::int[], $7::int[])
              AS r(campaign_id, on_call, wrap_up, available, staffed)
       ON CONFLICT (campaign_id, minute, site_id) DO UPDATE
          SET on_call = EXCLUDED.on_call, wrap_up = EXCLUDED.wrap_up, available = EXCLUDED.available,
              staffed = EXCLUDED.staffed`,
      [
        minute,
        siteId,
        rows.map((row) => row.campaignId),
        rows.map((row) => row.onCall),
        rows.map((row) => row.wrapUp),
        rows.map((row) => row.available),
        rows.map((row) => row.staffed),
      ],
    );
    return rows.length;
  }

  /** Public read: per campaign and 30-minute interval of [from, to), the seat-minutes of its seats by state. */
  async byInterval(campaignIds: string[], from: Date, to: Date): Promise<CampaignIntervalMinutes[]> {
    if (!campaignIds.length) return [];
    const rows: Array<Record<string, string | number | Date>> = await this.dataSource.query(
      `SELECT campaign_id, to_timestamp(floor(extract(epoch FROM minute) / 1800) * 1800) AS start,
              count(DISTINCT minute)::int AS minutes, sum(on_call)::int AS on_call,
              sum(wrap_up)::int AS wrap_up, sum(available)::int AS available, sum(staffed)::int AS staffed
         FROM live_campaign_minute
        WHERE campaign_id = ANY($1::uuid[]) AND minute >= $2 AND minute < $3
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      [campaignIds, from, to],
    );
    return rows.map((row) => ({
      campaignId: row.campaign_id as string,
      start: new Date(row.start as Date).getTime(),
      minutes: Number(row.minutes),
      onCall: Number(row.on_call),
      wrapUp: Number(row.wrap_up),
      available: Number(row.available),
      staffed: Number(row.staffed),
    }));
  }
}
