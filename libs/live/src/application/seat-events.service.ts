import { Injectable } from '@nestjs/common';
import { CampaignSites } from '#campaigns';
import type { SeatEventInput, SeatEventsResult } from '#contracts';
import { Clock, type SiteScope } from '#core';
import { LiveError } from '../domain/live.error.js';
import { LiveMetrics } from './live-metrics.js';
import { LivePublisher } from './live-publisher.js';
import { OccupancyRollup } from './occupancy-rollup.js';
import { LiveStore, type SeatEvent } from './live-store.js';
import { SeatRegistry } from './seat-registry.js';
import { SeatStateStore } from '../store/seat-state.store.js';

/** How far ahead of the server's clock a partner's event may be dated (clock skew). */
export const FUTURE_TOLERANCE_MS = 2 * 60_000;

/**
 * Seat-state ingestion. A batch is all or nothing: a site outside the caller's scope, an
 * unknown seat, a campaign the site does not work or an event dated in the future refuses it
 * whole. Accepted batches are applied atomically by the store and the seats' new states saved in
 * PostgreSQL before the caller is answered (a crash or an emptied Redis loses nothing
 * acknowledged); stale events are ignored and counted.
 */
@Injectable()
export class SeatEventsService {
  constructor(
    private readonly registry: SeatRegistry,
    private readonly store: LiveStore,
    private readonly publisher: LivePublisher,
    private readonly clock: Clock,
    private readonly metrics: LiveMetrics,
    private readonly history: OccupancyRollup,
    private readonly campaignSites: CampaignSites,
    private readonly savedSeats: SeatStateStore,
  ) {}

  async ingest(scope: SiteScope, siteId: string, input: SeatEventInput[]): Promise<SeatEventsResult> {
    const site = await this.registry.visibleSite(scope, siteId);
    if (site.status === 'closed') throw LiveError.siteClosed(siteId);
    const now = this.clock.now().getTime();
    const latest = now + FUTURE_TOLERANCE_MS;
    const events: SeatEvent[] = input.map((event) => ({
      seatId: event.seatId.toLowerCase(),
      state: event.state,
      campaignId: event.campaignId ? event.campaignId.toLowerCase() : null,
      pauseReason: event.pauseReason ?? null,
      at: Date.parse(event.at),
    }));
    const future = events.flatMap((event, index) =>
      event.at > latest ? [{ index, at: input[index].at }] : [],
    );
    if (future.length) throw LiveError.eventsInFuture(new Date(latest).toISOString(), future);
    const unknown = await this.registry.unknownSeats(site, [...new Set(events.map((event) => event.seatId))]);
    if (unknown.size)
      throw LiveError.unknownSeats(
        siteId,
        events.flatMap((event, index) =>
          unknown.has(event.seatId) ? [{ index, seatId: input[index].seatId }] : [],
        ),
      );
    const campaigns = [...new Set(events.flatMap((event) => (event.campaignId ? [event.campaignId] : [])))];
    const foreign = await this.campaignSites.notWorkedBy(site.id, campaigns);
    if (foreign.size)
      throw LiveError.unknownCampaigns(
        siteId,
        events.flatMap((event, index) =>
          event.campaignId && foreign.has(event.campaignId)
            ? [{ index, campaignId: input[index].campaignId! }]
            : [],
        ),
      );
    const result = await this.store.apply(siteId, events, now);
    // saved in PostgreSQL before the answer: what is acknowledged survives the loss of the live store
    await this.savedSeats.save(siteId, result.applied);
    const late = result.applied.filter((change) => change.at < now - (now % 60_000));
    if (late.length) await this.history.correctLate(siteId, late, now);
    this.metrics.eventsIngested(result.applied.length, result.ignored);
    this.publisher.seatsChanged(site, result.applied);
    return { received: events.length, applied: result.applied.length, ignored: result.ignored };
  }
}
