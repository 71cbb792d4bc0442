import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { DomainEventMap, DomainEventName, OccupancyDelta, SeatChange } from '#contracts';
import { Clock, EventBus, logSafeMessage } from '#core';
import { StaffingReportsService } from '#staffing';
import { FORWARDED_EVENTS, forwardRooms, LiveRooms } from '../domain/live-rooms.js';
import { Coalescer } from './coalescer.js';
import { LiveBroadcaster } from './live-broadcaster.js';
import { LiveQueryService, type ResolvedScope } from './live-query.service.js';
import type { AppliedChange } from './live-store.js';
import { LiveStore } from './live-store.js';
import { SeatRegistry, type SiteEntry } from './seat-registry.js';
import { WallLinks } from './wall-links.js';

interface RoomChanges {
  scope: ResolvedScope;
  siteIds: Set<string>;
  seats?: Map<string, SeatChange>;
}

/** At most this many `site.occupancy` updates per second per room, after a short burst. */
export const ROOM_UPDATES_PER_SECOND = 5;
export const ROOM_UPDATE_BURST = 3;

const FORWARDED = new Set<string>(FORWARDED_EVENTS);

/**
 * Turns applied seat changes into coalesced `site.occupancy` deltas per room (site, partner,
 * campaign, network), and forwards the domain events dashboards show (staffing, headcount,
 * alerts, campaigns, imports) to the rooms they concern.
 */
@Injectable()
export class LivePublisher implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LivePublisher.name);
  private readonly coalescer: Coalescer<RoomChanges>;
  private unsubscribe?: () => void;
  /** read-only wall links (the wallboard's port), where the process has them */
  private walls: WallLinks | null = null;

  constructor(
    private readonly broadcaster: LiveBroadcaster,
    private readonly query: LiveQueryService,
    private readonly store: LiveStore,
    private readonly bus: EventBus,
    private readonly registry: SeatRegistry,
    private readonly clock: Clock,
    private readonly modules: ModuleRef,
  ) {
    this.coalescer = new Coalescer<RoomChanges>(
      { ratePerSecond: ROOM_UPDATES_PER_SECOND, burst: ROOM_UPDATE_BURST },
      mergeChanges,
      (room, changes) => this.flush(room, changes),
    );
  }

  onModuleInit(): void {
    this.unsubscribe = this.bus.onAny((name, payload) => this.forward(name, payload));
  }

  /**
   * Each site's declared headcount from its latest staffing report, so that live figures (and the
   * network's total) carry it from the start instead of only after the next report. Read through
   * staffing's public service where the process has staffing (api, worker); skipped otherwise.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      this.walls = this.modules.get(WallLinks, { strict: false });
    } catch {
      this.walls = null;
    }
    await this.reloadHeadcounts();
  }

  /** Loads the declared headcounts again (also after the live store lost its state); never throws. */
  async reloadHeadcounts(): Promise<void> {
    let staffing: StaffingReportsService;
    try {
      staffing = this.modules.get(StaffingReportsService, { strict: false });
    } catch {
      return;
    }
    try {
      await this.loadHeadcounts(staffing);
    } catch (error) {
      this.logger.warn(`could not load the declared headcounts: ${logSafeMessage(error)}`);
    }
  }

  async loadHeadcounts(staffing: StaffingReportsService): Promise<number> {
    const sites = await this.registry.allSites();
    const today = this.clock.now().toISOString().slice(0, 10);
    const figures = await staffing.latestFigures(
      sites.map((site) => site.id),
      today,
    );
    for (const [siteId, latest] of figures) await this.store.setHeadcount(siteId, Number(latest.headcount));
    return figures.size;
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.coalescer.drain();
    this.coalescer.stop();
  }

  seatsChanged(site: SiteEntry, changes: AppliedChange[]): void {
    if (!changes.length) return;
    const siteIds = new Set([site.id]);
    const seats = new Map(
      changes.map((change): [string, SeatChange] => [
        change.seatId,
        [change.seatId, change.state, change.campaignId, change.at, change.since],
      ]),
    );
    this.push({ scope: 'site', id: site.id, room: LiveRooms.site(site.id) }, siteIds, seats);
    this.push({ scope: 'partner', id: site.partnerId, room: LiveRooms.partner(site.partnerId) }, siteIds);
    this.push({ scope: 'network', id: null, room: LiveRooms.network }, siteIds);
    const campaigns = new Set(changes.flatMap((change) => [change.campaignId, change.previousCampaignId]));
    for (const campaignId of campaigns)
      if (campaignId)
        this.push({ scope: 'campaign', id: campaignId, room: LiveRooms.campaign(campaignId) }, siteIds);
  }

  /** A site's figures changed without seat events (headcount): refresh its rooms. */
  siteChanged(site: Pick<SiteEntry, 'id' | 'partnerId'>): void {
    const siteIds = new Set([site.id]);
    this.push({ scope: 'site', id: site.id, room: LiveRooms.site(site.id) }, siteIds, new Map());
    this.push({ scope: 'partner', id: site.partnerId, room: LiveRooms.partner(site.partnerId) }, siteIds);
    this.push({ scope: 'network', id: null, room: LiveRooms.network }, siteIds);
  }

  /** Rooms with an update waiting (tests). */
  get pendingRooms(): number {
    return this.coalescer.pendingKeys;
  }

  private push(scope: ResolvedScope, siteIds: Set<string>, seats?: Map<string, SeatChange>): void {
    this.coalescer.push(scope.room, { scope, siteIds, seats });
  }

  private async flush(room: string, changes: RoomChanges): Promise<void> {
    const delta: OccupancyDelta = await this.query.delta(changes.scope, changes.siteIds);
    // a wall link's screen shows the figures, never the seats; a room no wall shows costs nothing more
    if (this.walls?.watches(room))
      this.broadcaster.emit([LiveRooms.wall(room)], 'site.occupancy', { ...delta });
    if (changes.seats) delta.seats = [...changes.seats.values()];
    this.broadcaster.emit([room], 'site.occupancy', delta);
  }

  private forward<E extends DomainEventName>(name: E, payload: DomainEventMap[E]): void {
    if (!FORWARDED.has(name)) return;
    try {
      this.broadcaster.emit(forwardRooms(name, payload), name, payload);
      if (name === 'headcount.changed')
        this.headcountChanged(payload as DomainEventMap['headcount.changed']).catch((error: Error) =>
          this.logger.warn(`could not record the declared headcount: ${logSafeMessage(error)}`),
        );
    } catch (error) {
      this.logger.warn(`could not forward ${name}: ${logSafeMessage(error)}`);
    }
  }

  private async headcountChanged(event: DomainEventMap['headcount.changed']): Promise<void> {
    await this.store.setHeadcount(event.siteId, event.headcount);
    this.siteChanged({ id: event.siteId, partnerId: event.partnerId });
  }
}

function mergeChanges(pending: RoomChanges | undefined, next: RoomChanges): RoomChanges {
  if (!pending)
    return { scope: next.scope, siteIds: new Set(next.siteIds), seats: next.seats && new Map(next.seats) };
  for (const id of next.siteIds) pending.siteIds.add(id);
  if (next.seats) {
    pending.seats ??= new Map();
    for (const [id, seat] of next.seats) pending.seats.set(id, seat);
  }
  return pending;
}
