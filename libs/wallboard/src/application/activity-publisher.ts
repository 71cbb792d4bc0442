import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { CampaignProgress } from '#contracts';
import { EventBus, logSafeMessage } from '#core';
import { Coalescer, LiveBroadcaster, LiveRooms, type ResolvedScope, SeatRegistry } from '#live';
import { ActivityService } from './activity.service.js';
import { WallLinkRooms } from './wall-link-rooms.js';

/** At most one `activity.changed` per room per second: figures move by the minute and by report. */
export const ACTIVITY_UPDATES_PER_SECOND = 1;
/**
 * Every room's update after a seat sample is spread over this long: sent at once, thousands of
 * dashboards' frames would queue in front of the seat deltas of that moment.
 */
export const EVERY_ROOM_SPREAD_MS = 1_000;

/**
 * Publishes `activity.changed` to the rooms whose figures moved: after outcomes (the campaign's
 * progress event names its sites) and after every minute's seat sample (every room). Coalesced
 * per room like `site.occupancy`; every room's update is cut from one frame read per second, and a
 * room whose figures are what it was last sent gets nothing (a wall of thousands of dashboards
 * would otherwise receive the same figures again after every sample).
 * Read-only wall links' sockets get it through the room's wall mirror.
 */
@Injectable()
export class ActivityPublisher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ActivityPublisher.name);
  private readonly coalescer: Coalescer<ResolvedScope>;
  private unsubscribe?: () => void;
  /** per room, the figures last sent (without their `at`) */
  private readonly lastSent = new Map<string, string>();

  constructor(
    private readonly activity: ActivityService,
    private readonly broadcaster: LiveBroadcaster,
    private readonly registry: SeatRegistry,
    private readonly bus: EventBus,
    private readonly links: WallLinkRooms,
  ) {
    this.coalescer = new Coalescer<ResolvedScope>(
      { ratePerSecond: ACTIVITY_UPDATES_PER_SECOND, burst: 1 },
      (_pending, next) => next,
      async (room, scope) => {
        const view = await this.activity.recentView(scope);
        const figures = JSON.stringify({ ...view, at: undefined });
        if (this.lastSent.get(room) === figures) return;
        this.lastSent.set(room, figures);
        // the same figures to the room's wall link mirror, when a live link shows it
        this.broadcaster.emit(
          this.links.watches(room) ? [room, LiveRooms.wall(room)] : [room],
          'activity.changed',
          view,
        );
      },
    );
  }

  onModuleInit(): void {
    this.unsubscribe = this.bus.onAny((name, payload) => {
      if (name === 'campaign.progress')
        this.outcomesReported(payload as CampaignProgress).catch((error: Error) =>
          this.logger.warn(`activity not published: ${logSafeMessage(error)}`),
        );
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.coalescer.drain();
    this.coalescer.stop();
  }

  /** Every room: the network, each partner and site, and these campaigns, spread over a second. */
  async everyRoom(campaignIds: Iterable<string>): Promise<void> {
    // the sample just written is in no frame read before it: without this, a room could be cut from
    // a frame up to a second old, find the figures it was already sent, and get nothing new
    this.activity.forgetRecentFrame();
    const scopes = await this.scopesOf(
      (await this.registry.allSites()).map((site) => site.id),
      campaignIds,
    );
    // rooms no longer sampled (a campaign that stopped) are forgotten: the map stays as large as the network
    const rooms = new Set(scopes.map((scope) => scope.room));
    for (const room of this.lastSent.keys()) if (!rooms.has(room)) this.lastSent.delete(room);
    const spacing = EVERY_ROOM_SPREAD_MS / Math.max(1, scopes.length);
    scopes.forEach((scope, i) => {
      const timer = setTimeout(() => this.coalescer.push(scope.room, scope), Math.round(i * spacing));
      timer.unref();
    });
  }

  /** Rooms with an update waiting (tests). */
  get pendingRooms(): number {
    return this.coalescer.pendingKeys;
  }

  private async outcomesReported(progress: CampaignProgress): Promise<void> {
    await this.sitesChanged(
      progress.bySite.map((site) => site.siteId),
      [progress.campaignId],
    );
  }

  private async sitesChanged(siteIds: string[], campaignIds: Iterable<string>): Promise<void> {
    for (const scope of await this.scopesOf(siteIds, campaignIds)) this.coalescer.push(scope.room, scope);
  }

  /** The network, these sites, their partners and these campaigns. */
  private async scopesOf(siteIds: string[], campaignIds: Iterable<string>): Promise<ResolvedScope[]> {
    const scopes: ResolvedScope[] = [{ scope: 'network', id: null, room: LiveRooms.network }];
    const partners = new Set<string>();
    for (const siteId of siteIds) {
      const site = await this.registry.site(siteId);
      if (!site) continue;
      partners.add(site.partnerId);
      scopes.push({ scope: 'site', id: site.id, room: LiveRooms.site(site.id) });
    }
    for (const id of partners) scopes.push({ scope: 'partner', id, room: LiveRooms.partner(id) });
    for (const id of campaignIds) scopes.push({ scope: 'campaign', id, room: LiveRooms.campaign(id) });
    return scopes;
  }
}
