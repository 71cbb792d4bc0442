import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { CampaignProgress } from '#contracts';
import { EventBus, logSafeMessage } from '#core';
import { Coalescer, LiveBroadcaster, LiveRooms, type ResolvedScope, SeatRegistry } from '#live';
import { ActivityService } from './activity.service.js';

/** At most one `activity.changed` per room per second: figures move by the minute and by report. */
export const ACTIVITY_UPDATES_PER_SECOND = 1;

/**
 * Publishes `activity.changed` to the rooms whose figures moved: after outcomes (the campaign's
 * progress event names its sites) and after every minute's seat sample (every room). Coalesced
 * per room like `site.occupancy`; every room's update is cut from one frame read per second.
 */
@Injectable()
export class ActivityPublisher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ActivityPublisher.name);
  private readonly coalescer: Coalescer<ResolvedScope>;
  private unsubscribe?: () => void;

  constructor(
    private readonly activity: ActivityService,
    private readonly broadcaster: LiveBroadcaster,
    private readonly registry: SeatRegistry,
    private readonly bus: EventBus,
  ) {
    this.coalescer = new Coalescer<ResolvedScope>(
      { ratePerSecond: ACTIVITY_UPDATES_PER_SECOND, burst: 1 },
      (_pending, next) => next,
      async (room, scope) =>
        this.broadcaster.emit([room], 'activity.changed', await this.activity.recentView(scope)),
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

  /** Every room: the network, each partner and site, and these campaigns. */
  async everyRoom(campaignIds: Iterable<string>): Promise<void> {
    await this.sitesChanged(
      (await this.registry.allSites()).map((site) => site.id),
      campaignIds,
    );
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
    const push = (scope: ResolvedScope) => this.coalescer.push(scope.room, scope);
    push({ scope: 'network', id: null, room: LiveRooms.network });
    const partners = new Set<string>();
    for (const siteId of siteIds) {
      const site = await this.registry.site(siteId);
      if (!site) continue;
      partners.add(site.partnerId);
      push({ scope: 'site', id: site.id, room: LiveRooms.site(site.id) });
    }
    for (const id of partners) push({ scope: 'partner', id, room: LiveRooms.partner(id) });
    for (const id of campaignIds) push({ scope: 'campaign', id, room: LiveRooms.campaign(id) });
  }
}
