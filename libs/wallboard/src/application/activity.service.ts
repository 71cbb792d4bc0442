import { Injectable, Logger } from '@nestjs/common';
import type { ActivityView, LostToRules } from '#contracts';
import { DeliveredHoursService } from '#billing';
import { AttemptActivity, type AttemptMinute, type HeldContacts } from '#campaigns';
import { Clock, logSafeMessage } from '#core';
import { LiveQueryService, type ResolvedScope, SeatRegistry } from '#live';
import {
  activityFigures,
  capacityFigures,
  type SiteCapacity,
  HOUR_MS,
  MINUTE_MS,
  TREND_MINUTES,
  trendOf,
  WEEK_MS,
} from '../domain/activity.js';
import { type SeatMinuteRow, WallboardStore } from '../store/wallboard.store.js';
import { PlannedSeats } from './planned-seats.js';

/** Everything activity views are cut from, read once for the whole network. */
export interface ActivityFrame {
  /** start of the current minute (epoch ms) */
  minute: number;
  attempts: AttemptMinute[];
  seats: SeatMinuteRow[];
  held: HeldContacts[];
  campaignSites: Array<{ campaignId: string; siteId: string }>;
  partnerOfSite: Map<string, string>;
  /** agents the plan needs and agents live now, hours delivered and requested today so far, by site; null when unread */
  capacity: { interval: number; bySite: Map<string, SiteCapacity> } | null;
}

const OUTSIDE_HOURS = new Set(['weekend', 'public_holiday', 'outside_calling_hours']);
/** a frame serves the coalesced socket updates of every room for this long */
const FRAME_REUSE_MS = 1_000;

/**
 * Activity of the network, a partner, a site or a campaign: attempts per hour, reach rate,
 * conversion and handle time over the last hour, the hour before and the same hour last week,
 * what the rules hold back now, and a minute trend over the last two hours.
 */
@Injectable()
export class ActivityService {
  private readonly logger = new Logger(ActivityService.name);
  private cached?: { readAt: number; frame: Promise<ActivityFrame> };

  constructor(
    private readonly attempts: AttemptActivity,
    private readonly store: WallboardStore,
    private readonly registry: SeatRegistry,
    private readonly live: LiveQueryService,
    private readonly planned: PlannedSeats,
    private readonly hours: DeliveredHoursService,
    private readonly clock: Clock,
  ) {}

  /** The figures of an authorised scope, read now. */
  async view(scope: Pick<ResolvedScope, 'scope' | 'id'>): Promise<ActivityView> {
    return viewOf(await this.frame(), scope, this.clock.now());
  }

  /** The same, from a frame read at most a second ago (socket updates of many rooms at once). */
  /** The next recentView reads a new frame: what was read before a new sample is out of date. */
  forgetRecentFrame(): void {
    this.cached = undefined;
  }

  async recentView(scope: Pick<ResolvedScope, 'scope' | 'id'>): Promise<ActivityView> {
    if (!this.cached || Date.now() - this.cached.readAt > FRAME_REUSE_MS) {
      const frame = this.frame();
      this.cached = { readAt: Date.now(), frame };
      frame.catch(() => (this.cached = undefined));
    }
    return viewOf(await this.cached.frame, scope, this.clock.now());
  }

  async frame(): Promise<ActivityFrame> {
    const now = this.clock.now();
    const minute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
    const end = minute + MINUTE_MS;
    const ranges: Array<[Date, Date]> = [
      [new Date(end - TREND_MINUTES * MINUTE_MS), new Date(end)],
      [new Date(end - HOUR_MS - WEEK_MS), new Date(end - WEEK_MS)],
    ];
    const sites = await this.registry.allSites();
    const [attempts, seats, campaignSites, capacity] = await Promise.all([
      this.attempts.attemptsByMinute(ranges),
      this.store.seatMinutes(ranges),
      this.attempts.runningCampaignSites(),
      this.capacity(sites, now),
    ]);
    const running = [...new Set(campaignSites.map((row) => row.campaignId))];
    return {
      minute,
      attempts,
      seats,
      held: await this.attempts.heldByRules(running, now),
      campaignSites,
      partnerOfSite: new Map(sites.map((site) => [site.id, site.partnerId])),
      capacity,
    };
  }

  /**
   * Per site: agents the capacity plan needs now (planning) and seats not offline (live); hours
   * delivered and requested today so far (billing). Null, with a warning, when one cannot be read:
   * the other activity figures still go out.
   */
  private async capacity(
    sites: Awaited<ReturnType<SeatRegistry['allSites']>>,
    now: Date,
  ): Promise<ActivityFrame['capacity']> {
    try {
      const [needed, live, hours] = await Promise.all([
        this.planned.at(
          sites.map((site) => site.id),
          now,
        ),
        this.live.siteFigures(sites),
        this.hours.soFarToday(sites, now),
      ]);
      const staffed = new Map(live.map((site) => [site.siteId, site.staffed]));
      const bySite = new Map<string, SiteCapacity>();
      for (const site of sites)
        bySite.set(site.id, {
          required: needed.bySite.get(site.id) ?? 0,
          live: staffed.get(site.id) ?? 0,
          deliveredHours: hours.get(site.id)?.deliveredHours ?? 0,
          requestedHours: hours.get(site.id)?.requestedHours ?? 0,
        });
      return { interval: needed.interval, bySite };
    } catch (error) {
      this.logger.warn(`agents and hours not read: ${logSafeMessage(error)}`);
      return null;
    }
  }
}

/** Cuts one scope's view out of a frame. */
export function viewOf(
  frame: ActivityFrame,
  { scope, id }: Pick<ResolvedScope, 'scope' | 'id'>,
  at: Date,
): ActivityView {
  const inScope = (siteId: string, campaignId: string) =>
    scope === 'network' ||
    (scope === 'site' && siteId === id) ||
    (scope === 'partner' && frame.partnerOfSite.get(siteId) === id) ||
    (scope === 'campaign' && campaignId === id);
  const attempts = frame.attempts.filter((row) => inScope(row.siteId, row.campaignId));
  const seats = frame.seats.filter((row) => inScope(row.siteId, row.campaignId));
  const campaigns = new Set(
    frame.campaignSites.filter((row) => inScope(row.siteId, row.campaignId)).map((row) => row.campaignId),
  );
  const lost: LostToRules = { outsideHours: 0, attemptsUsed: 0, other: 0 };
  for (const row of frame.held)
    if (campaigns.has(row.campaignId)) {
      const bucket = OUTSIDE_HOURS.has(row.rule)
        ? 'outsideHours'
        : row.rule === 'max_attempts'
          ? 'attemptsUsed'
          : 'other';
      lost[bucket] += row.contacts;
    }
  const end = frame.minute + MINUTE_MS;
  const capacity =
    scope === 'campaign' || !frame.capacity
      ? null
      : capacityFigures(
          frame.capacity.interval,
          frame.minute,
          [...frame.capacity.bySite].filter(([siteId]) => inScope(siteId, '')).map(([, site]) => site),
        );
  return {
    scope,
    id: scope === 'network' ? null : id,
    at: at.toISOString(),
    agents: capacity?.agents ?? null,
    hoursToday: capacity?.hoursToday ?? null,
    lastHour: activityFigures(end - HOUR_MS, end, attempts, seats, lost),
    previousHour: activityFigures(end - 2 * HOUR_MS, end - HOUR_MS, attempts, seats, null),
    lastWeek: activityFigures(end - HOUR_MS - WEEK_MS, end - WEEK_MS, attempts, seats, null),
    trend: trendOf(end - TREND_MINUTES * MINUTE_MS, end, attempts, seats),
  };
}
