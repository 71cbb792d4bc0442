import { Injectable } from '@nestjs/common';
import { Page, PageQuery, pageOf, scopeAllowsSite, SiteScope } from '#core';
import { Seat } from '../domain/seat.entity.js';
import { Site } from '../domain/site.entity.js';
import { NetworkError } from '../domain/network.error.js';
import { NetworkStore } from '../store/network.store.js';
import { AddSeatsDto, UpdateSeatDto } from './network.dto.js';

@Injectable()
export class SeatsService {
  constructor(private readonly store: NetworkStore) {}

  async listForSite(scope: SiteScope, siteId: string, query: PageQuery): Promise<Page<Seat>> {
    await this.visibleSite(scope, siteId);
    const [items, total] = await this.store.seatsPage(siteId, query);
    return pageOf(items, total, query);
  }

  /** Adds active seats to a site, never beyond its installed seats. All or nothing. */
  async install(scope: SiteScope, siteId: string, command: AddSeatsDto): Promise<Seat[]> {
    return this.store.transaction(async (tables) => {
      const site = await tables.lockedSite(siteId);
      if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.siteNotFound(siteId);
      if (site.status === 'closed') throw NetworkError.siteClosed(siteId);
      const taken = await tables.seatsLabelled(siteId, command.labels);
      if (taken.length) throw NetworkError.seatLabelTaken(taken.map((seat) => seat.label));
      const active = await tables.activeSeatCount(siteId);
      if (active + command.labels.length > site.installedSeats)
        throw NetworkError.seatCapacityExceeded(site.installedSeats, active + command.labels.length);
      return tables.insertSeats(siteId, command.labels);
    });
  }

  async update(scope: SiteScope, seatId: string, changes: UpdateSeatDto): Promise<Seat> {
    return this.store.transaction(async (tables) => {
      const seat = await tables.seat(seatId);
      if (!seat) throw NetworkError.seatNotFound(seatId);
      const site = await tables.lockedSite(seat.siteId);
      if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.seatNotFound(seatId);
      if (changes.active && !seat.active) {
        const active = await tables.activeSeatCount(site.id);
        if (active + 1 > site.installedSeats)
          throw NetworkError.seatCapacityExceeded(site.installedSeats, active + 1);
      }
      const saved = await tables.updateSeat(seat, changes);
      if (!saved) throw NetworkError.seatLabelTaken([seat.label]);
      return saved;
    });
  }

  private async visibleSite(scope: SiteScope, siteId: string): Promise<Site> {
    const site = await this.store.site(siteId);
    if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.siteNotFound(siteId);
    return site;
  }
}
