import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Page, PageQuery, pageOf, scopeAllowsSite, SiteScope } from '#core';
import { isUniqueViolation } from '#db';
import { Seat } from '../domain/seat.entity.js';
import { Site } from '../domain/site.entity.js';
import { NetworkError } from '../domain/network.error.js';
import { AddSeatsDto, UpdateSeatDto } from './network.dto.js';

@Injectable()
export class SeatsService {
  constructor(private readonly dataSource: DataSource) {}

  async listForSite(scope: SiteScope, siteId: string, query: PageQuery): Promise<Page<Seat>> {
    await this.visibleSite(scope, siteId);
    const [items, total] = await this.dataSource.getRepository(Seat).findAndCount({
      where: { siteId },
      order: { label: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(items, total, query);
  }

  /** Adds active seats to a site, never beyond its installed seats. All or nothing. */
  async install(scope: SiteScope, siteId: string, command: AddSeatsDto): Promise<Seat[]> {
    return this.dataSource.transaction(async (manager) => {
      const site = await manager.findOne(Site, {
        where: { id: siteId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.siteNotFound(siteId);
      if (site.status === 'closed') throw NetworkError.siteClosed(siteId);
      const taken = await manager.findBy(Seat, { siteId, label: In(command.labels) });
      if (taken.length) throw NetworkError.seatLabelTaken(taken.map((seat) => seat.label));
      const active = await manager.countBy(Seat, { siteId, active: true });
      if (active + command.labels.length > site.installedSeats)
        throw NetworkError.seatCapacityExceeded(site.installedSeats, active + command.labels.length);
      const seats = command.labels.map((label) => manager.create(Seat, { siteId, label, active: true }));
      return manager.save(seats);
    });
  }

  async update(scope: SiteScope, seatId: string, changes: UpdateSeatDto): Promise<Seat> {
    return this.dataSource.transaction(async (manager) => {
      const seat = await manager.findOneBy(Seat, { id: seatId });
      if (!seat) throw NetworkError.seatNotFound(seatId);
      const site = await manager.findOne(Site, {
        where: { id: seat.siteId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.seatNotFound(seatId);
      if (changes.active && !seat.active) {
        const active = await manager.countBy(Seat, { siteId: site.id, active: true });
        if (active + 1 > site.installedSeats)
          throw NetworkError.seatCapacityExceeded(site.installedSeats, active + 1);
      }
      manager.merge(Seat, seat, changes);
      try {
        return await manager.save(seat);
      } catch (error) {
        if (isUniqueViolation(error)) throw NetworkError.seatLabelTaken([seat.label]);
        throw error;
      }
    });
  }

  private async visibleSite(scope: SiteScope, siteId: string): Promise<Site> {
    const site = await this.dataSource.getRepository(Site).findOneBy({ id: siteId });
    if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.siteNotFound(siteId);
    return site;
  }
}
