import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { type OccupancyMinute, PAUSE_REASONS, type PauseReasonCounts } from '#contracts';
import { Clock, type SiteScope, UNRESTRICTED } from '#core';
import { LiveError } from '../domain/live.error.js';
import { LiveQueryService } from './live-query.service.js';
import { type AppliedChange, LiveStore, type SeatRecord } from './live-store.js';
import { SeatRegistry } from './seat-registry.js';
import { CampaignMinutesStore } from '../store/campaign-minutes.store.js';
import { SeatStateStore } from '../store/seat-state.store.js';
import { type IntervalSeatMinutes, SiteMinuteStore } from '../store/site-minutes.store.js';

export const ROLLUP_EVERY_MS = 60_000;
/** Length of a history interval (billing, line adherence). */
export const INTERVAL_MS = 30 * 60_000;

/**
 * Seat-minute history: once a minute every site's seats by state (paused ones also by reason) are written to
 * live_site_minute (one row per site and minute, rewritten if the job runs twice), the seats
 * working a campaign by campaign and state to live_campaign_minute, and the
 * seats' last states to live_seat_state again (each seat event batch saves them before its answer;
 * this pass never replaces a newer saved state).
 */
@Injectable()
export class OccupancyRollup {
  constructor(
    private readonly minutes: SiteMinuteStore,
    private readonly registry: SeatRegistry,
    private readonly query: LiveQueryService,
    private readonly store: LiveStore,
    private readonly savedSeats: SeatStateStore,
    private readonly campaignMinutes: CampaignMinutesStore,
    private readonly clock: Clock,
  ) {}

  /** Writes the minute containing `at` (default now) for every site with live state. */
  async rollup(at: Date = this.clock.now()): Promise<{ sites: number; seats: number }> {
    const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    const live = new Set(await this.store.siteIds());
    const sites = (await this.registry.sitesOf(UNRESTRICTED)).filter((site) => live.has(site.id));
    if (!sites.length) return { sites: 0, seats: 0 };
    const states = new Map<string, Array<[string, SeatRecord]>>();
    for (const site of sites)
      states.set(
        site.id,
        [...(await this.store.seats(site.id))].filter(([seatId]) => site.activeSeats.has(seatId)),
      );
    const figures = await this.query.siteFigures(sites);
    await this.minutes.write(
      figures.map((site) => {
        const pauses = pauseCounts(states.get(site.siteId)!);
        return {
          siteId: site.siteId,
          minute,
          seats: site.seats,
          offline: site.counts.offline,
          available: site.counts.available,
          onCall: site.counts.on_call,
          wrapUp: site.counts.wrap_up,
          paused: site.counts.paused,
          staffed: site.staffed,
          occupancy: site.occupancy,
          pausedBreak: pauses.break,
          pausedLunch: pauses.lunch,
          pausedTraining: pauses.training,
          pausedBriefing: pauses.briefing,
          pausedCoaching: pauses.coaching,
          pausedTechnical: pauses.technical,
        };
      }),
    );
    let seats = 0;
    for (const site of sites) {
      const saved = states.get(site.id)!;
      seats += saved.length;
      await this.campaignMinutes.save(
        site.id,
        minute,
        saved.map(([, record]) => record),
      );
      await this.savedSeats.save(
        site.id,
        saved.map(([seatId, record]) => ({ seatId, ...record })),
      );
    }
    return { sites: sites.length, seats };
  }

  /** A site's occupancy minute by minute over one local day (default: today in the site's time zone). */
  async day(
    scope: SiteScope,
    siteId: string,
    date?: string,
  ): Promise<{ date: string; timeZone: string; minutes: OccupancyMinute[] }> {
    const site = await this.registry.visibleSite(scope, siteId);
    const start = date
      ? DateTime.fromISO(date, { zone: site.timeZone })
      : DateTime.fromJSDate(this.clock.now(), { zone: site.timeZone }).startOf('day');
    if (!start.isValid) throw LiveError.invalidDate(date ?? '');
    const rows = await this.minutes.ofSite(siteId, start.toJSDate(), start.plus({ days: 1 }).toJSDate());
    return {
      date: start.toISODate()!,
      timeZone: site.timeZone,
      minutes: rows.map((row) => ({
        minute: row.minute.toISOString(),
        counts: {
          offline: row.offline,
          available: row.available,
          on_call: row.onCall,
          wrap_up: row.wrapUp,
          paused: row.paused,
        },
        pauses: {
          break: row.pausedBreak,
          lunch: row.pausedLunch,
          training: row.pausedTraining,
          briefing: row.pausedBriefing,
          coaching: row.pausedCoaching,
          technical: row.pausedTechnical,
        },
        staffed: row.staffed,
        occupancy: row.occupancy,
      })),
    };
  }

  /**
   * A late seat event (dated before the current minute) corrects the minutes already sampled
   * since it: in each row from the first minute at or after the event up to the last full minute,
   * one seat moves from its previous state (and pause reason) to the new one, staffed and
   * occupancy follow. Only events that were applied count, so the event is the seat's newest and
   * its previous state is what those rows sampled. The minute being sampled now is left to the
   * rollup (at most one seat-minute off if it sampled just before the event arrived).
   */
  async correctLate(siteId: string, changes: AppliedChange[], now: number): Promise<number> {
    const currentMinute = Math.floor(now / 60_000) * 60_000;
    let corrected = 0;
    for (const change of changes) {
      const from = Math.ceil(change.at / 60_000) * 60_000;
      if (from >= currentMinute) continue;
      corrected += await this.minutes.moveSeat(siteId, change, new Date(from), new Date(currentMinute));
    }
    return corrected;
  }

  /**
   * Public read for other contexts (billing): per site and 30-minute interval (aligned on UTC
   * half-hours, which are local half-hours in every zone whose offset is a multiple of 30
   * minutes), how many minutes were sampled and the seat-minutes of each state and pause reason.
   * A minute with no row is missing from `minutes`: callers show it as a gap.
   */
  seatMinutesByInterval(siteIds: string[], from: Date, to: Date): Promise<IntervalSeatMinutes[]> {
    return this.minutes.seatMinutesByInterval(siteIds, from, to);
  }
}

/** Paused seats by reason (a paused seat without a reason counts in none). */
export function pauseCounts(seats: Iterable<[string, SeatRecord]>): PauseReasonCounts {
  const counts = Object.fromEntries(PAUSE_REASONS.map((reason) => [reason, 0])) as PauseReasonCounts;
  for (const [, record] of seats)
    if (record.state === 'paused' && record.pauseReason) counts[record.pauseReason]++;
  return counts;
}
