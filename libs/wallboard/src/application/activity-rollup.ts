import { Injectable, Logger } from '@nestjs/common';
import { Clock, logSafeMessage } from '#core';
import { LiveStore, SeatRegistry } from '#live';
import { MINUTE_MS } from '../domain/activity.js';
import { NO_CAMPAIGN, type SeatMinuteRow, WallboardStore } from '../store/wallboard.store.js';
import { ActivityPublisher } from './activity-publisher.js';
import { WallThresholds } from './wall-thresholds.js';

/**
 * Once a minute: every site's active seats by campaign and state go to activity_seat_minute
 * (what handle time, occupancy and trends are computed from), every room gets its activity,
 * and the walls' tile thresholds open or resolve their alerts.
 */
@Injectable()
export class ActivityRollup {
  private readonly logger = new Logger(ActivityRollup.name);

  constructor(
    private readonly live: LiveStore,
    private readonly registry: SeatRegistry,
    private readonly store: WallboardStore,
    private readonly publisher: ActivityPublisher,
    private readonly thresholds: WallThresholds,
    private readonly clock: Clock,
  ) {}

  async run(at: Date = this.clock.now()): Promise<{ rows: number; alerts: number }> {
    const rows = await this.sample(at);
    const campaigns = new Set(rows.map((row) => row.campaignId).filter((id) => id !== NO_CAMPAIGN));
    await this.publisher.everyRoom(campaigns);
    let alerts = 0;
    try {
      alerts = await this.thresholds.sweep();
    } catch (error) {
      this.logger.warn(`wall thresholds not checked: ${logSafeMessage(error)}`);
    }
    return { rows: rows.length, alerts };
  }

  /** Writes the minute containing `at`: seats not offline, by site and campaign. */
  async sample(at: Date): Promise<SeatMinuteRow[]> {
    const minute = Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
    const live = new Set(await this.live.siteIds());
    const rows: SeatMinuteRow[] = [];
    for (const site of await this.registry.allSites()) {
      if (!live.has(site.id)) continue;
      const byCampaign = new Map<string, SeatMinuteRow>();
      for (const [seatId, seat] of await this.live.seats(site.id)) {
        if (!site.activeSeats.has(seatId) || seat.state === 'offline') continue;
        const campaignId = seat.campaignId ?? NO_CAMPAIGN;
        let row = byCampaign.get(campaignId);
        if (!row)
          byCampaign.set(
            campaignId,
            (row = { siteId: site.id, campaignId, minute, onCall: 0, wrapUp: 0, available: 0, staffed: 0 }),
          );
        row.staffed++;
        if (seat.state === 'on_call') row.onCall++;
        if (seat.state === 'wrap_up') row.wrapUp++;
        if (seat.state === 'available') row.available++;
      }
      rows.push(...byCampaign.values());
    }
    await this.store.saveSeatMinutes(new Date(minute), rows);
    return rows;
  }
}
