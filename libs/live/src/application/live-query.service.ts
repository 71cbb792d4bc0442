import { Injectable } from '@nestjs/common';
import type {
  LiveSnapshot,
  LiveSubscription,
  OccupancyFigures,
  SeatLive,
  SeatState,
  SiteLive,
} from '#contracts';
import { Clock, type SiteScope, UNRESTRICTED } from '#core';
import { LiveError } from '../domain/live.error.js';
import { LiveRooms } from '../domain/live-rooms.js';
import { figuresOf, sumFigures } from '../domain/occupancy.js';
import { LiveStore, type SeatRecord, type SiteCounters } from './live-store.js';
import { SeatRegistry, type SiteEntry } from './seat-registry.js';

/** A subscription the caller is allowed: its scope, id and socket.io room. */
export interface ResolvedScope {
  scope: LiveSubscription['scope'];
  id: string | null;
  room: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Live figures of a scope, and who may see which scope. Serves HTTP snapshots, socket acks and deltas. */
@Injectable()
export class LiveQueryService {
  constructor(
    private readonly registry: SeatRegistry,
    private readonly store: LiveStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks that the caller may watch the scope: the network needs an unrestricted caller; a
   * partner user or key only its own partner and sites; a supervisor limited to some sites only
   * those sites; campaigns span partners, so they need an unrestricted caller too.
   */
  async authorize(scope: SiteScope, request: LiveSubscription | undefined): Promise<ResolvedScope> {
    if (!request || typeof request !== 'object')
      throw LiveError.invalidSubscription('Send {scope: "network"|"partner"|"site"|"campaign", id?}.');
    const { scope: kind, id } = request;
    const unrestricted = !scope.partnerId && !scope.siteIds;
    if (kind === 'network') {
      if (!unrestricted) throw LiveError.scopeForbidden('network');
      return { scope: kind, id: null, room: LiveRooms.network };
    }
    if (kind !== 'partner' && kind !== 'site' && kind !== 'campaign')
      throw LiveError.invalidSubscription(
        `scope must be network, partner, site or campaign; got ${JSON.stringify(kind)}.`,
      );
    if (typeof id !== 'string' || !UUID.test(id))
      throw LiveError.invalidSubscription(`A ${kind} subscription needs id: a uuid.`);
    if (kind === 'site') await this.registry.visibleSite(scope, id);
    if (kind === 'partner') {
      if (scope.partnerId && scope.partnerId !== id) throw LiveError.partnerNotFound(id);
      if (scope.siteIds) throw LiveError.scopeForbidden('partner');
      if (!(await this.registry.partnerExists(id))) throw LiveError.partnerNotFound(id);
    }
    if (kind === 'campaign' && !unrestricted) throw LiveError.scopeForbidden('campaign');
    return { scope: kind, id, room: LiveRooms.of(kind, id) };
  }

  async snapshot(scope: SiteScope, request: LiveSubscription): Promise<LiveSnapshot> {
    return this.figures(await this.authorize(scope, request));
  }

  /** The figures of an authorised scope: every site and, for a site, every seat. */
  async figures(resolved: ResolvedScope): Promise<LiveSnapshot> {
    const snapshot: LiveSnapshot = await this.delta(resolved);
    if (resolved.scope === 'site' && snapshot.sites.length) snapshot.seats = await this.seatsOf(resolved.id!);
    return snapshot;
  }

  /**
   * A delta's figures, without seats: totals over the whole scope, and only the sites in
   * `siteIds` (every site when absent).
   */
  async delta(resolved: ResolvedScope, siteIds?: ReadonlySet<string>): Promise<Omit<LiveSnapshot, 'seats'>> {
    const at = this.clock.now().toISOString();
    // read before the figures: figures of a newer epoch under an older one would be dropped by a
    // client that re-snapshots; the other way round it re-snapshots once more
    const epoch = await this.store.epoch();
    if (resolved.scope === 'campaign')
      return { epoch, ...(await this.campaignFigures(resolved.id!, siteIds)), at };
    const sites =
      resolved.scope === 'site'
        ? [(await this.registry.site(resolved.id!))!].filter(Boolean)
        : await this.registry.sitesOf(UNRESTRICTED, resolved.scope === 'partner' ? resolved.id! : undefined);
    const live = await this.siteFigures(sites);
    return {
      epoch,
      scope: resolved.scope,
      id: resolved.id,
      totals: sumFigures(live),
      sites: siteIds ? live.filter((site) => siteIds.has(site.siteId)) : live,
      at,
    };
  }

  async siteFigures(sites: SiteEntry[]): Promise<SiteLive[]> {
    const ids = sites.map((site) => site.id);
    const [counters, headcounts] = await Promise.all([
      this.store.siteCounters(ids),
      this.store.headcounts(ids),
    ]);
    return sites.map((site) => {
      const counter = counters.get(site.id);
      const figures = figuresOf(
        counter?.counts ?? {},
        site.activeSeats.size,
        site.installedSeats,
        headcounts.get(site.id) ?? null,
      );
      return siteLiveOf(site, figures, counter);
    });
  }

  async seatsOf(siteId: string): Promise<SeatLive[]> {
    return [...(await this.store.seats(siteId))].map(([seatId, record]) => seatLive(seatId, record));
  }

  private async campaignFigures(
    campaignId: string,
    siteIds: ReadonlySet<string> | undefined,
  ): Promise<Omit<LiveSnapshot, 'at' | 'epoch'>> {
    const bySite = await this.store.campaignCounters(campaignId);
    const sites = (await this.registry.allSites()).filter((site) => bySite.has(site.id));
    const counters = await this.store.siteCounters(sites.map((site) => site.id));
    const live: SiteLive[] = sites.map((site) => {
      const counts: Partial<Record<SeatState, number>> = bySite.get(site.id)!;
      const seats = Object.values(counts).reduce((sum, n) => sum + Math.max(0, n ?? 0), 0);
      return siteLiveOf(site, figuresOf(counts, seats, site.installedSeats, null), counters.get(site.id));
    });
    return {
      scope: 'campaign',
      id: campaignId,
      totals: sumFigures(live),
      sites: siteIds ? live.filter((site) => siteIds.has(site.siteId)) : live,
    };
  }
}

function siteLiveOf(site: SiteEntry, figures: OccupancyFigures, counter: SiteCounters | undefined): SiteLive {
  return {
    siteId: site.id,
    partnerId: site.partnerId,
    name: site.name,
    ...figures,
    seq: counter?.seq ?? 0,
    lastEventAt: counter?.lastEventAt ? new Date(counter.lastEventAt).toISOString() : null,
  };
}

export function seatLive(seatId: string, record: SeatRecord): SeatLive {
  return {
    seatId,
    state: record.state,
    campaignId: record.campaignId,
    ...(record.pauseReason ? { pauseReason: record.pauseReason } : {}),
    at: new Date(record.at).toISOString(),
    since: new Date(record.since).toISOString(),
  };
}
