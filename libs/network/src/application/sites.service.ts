import { Injectable } from '@nestjs/common';
import { Page, pageOf, scopeAllowsSite, SiteScope } from '#core';
import { Site } from '../domain/site.entity.js';
import { NetworkError } from '../domain/network.error.js';
import { NetworkStore } from '../store/network.store.js';
import { CreateSiteDto, UpdateSiteDto } from './network.dto.js';
import { SiteQuery } from './site-query.js';

@Injectable()
export class SitesService {
  constructor(private readonly store: NetworkStore) {}

  async list(scope: SiteScope, query: SiteQuery): Promise<Page<Site>> {
    const { partnerId, country, status } = query;
    const [items, total] = await this.store.sites(
      { scope, partnerId, country, status, withPartner: true },
      query,
    );
    return pageOf(items, total, query);
  }

  /** The site, if the caller may see it; otherwise "not found", whether or not it exists. */
  async get(scope: SiteScope, id: string): Promise<Site> {
    const site = await this.store.site(id, true);
    if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.siteNotFound(id);
    return site;
  }

  async open(scope: SiteScope, command: CreateSiteDto): Promise<Site> {
    if (scope.partnerId && scope.partnerId !== command.partnerId)
      throw NetworkError.unknownPartner(command.partnerId);
    const partner = await this.store.partner(command.partnerId);
    if (!partner) throw NetworkError.unknownPartner(command.partnerId);
    const site = await this.store.insertSite({
      partnerId: command.partnerId,
      name: command.name,
      city: command.city,
      timeZone: command.timeZone,
      installedSeats: command.installedSeats,
      country: command.country.toUpperCase(),
      status: command.status ?? 'active',
      openedOn: command.openedOn ?? null,
    });
    if (!site) throw NetworkError.siteNameTaken(command.name);
    site.partner = partner;
    return site;
  }

  async update(scope: SiteScope, id: string, changes: UpdateSiteDto): Promise<Site> {
    return this.store.transaction(async (tables) => {
      const site = await tables.lockedSite(id);
      if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.siteNotFound(id);
      if (changes.installedSeats !== undefined) {
        const activeSeats = await tables.activeSeatCount(id);
        if (changes.installedSeats < activeSeats)
          throw NetworkError.seatCapacityExceeded(changes.installedSeats, activeSeats);
      }
      const saved = await tables.updateSite(site, {
        ...changes,
        country: changes.country?.toUpperCase() ?? site.country,
      });
      if (!saved) throw NetworkError.siteNameTaken(site.name);
      saved.partner = (await tables.partner(saved.partnerId)) ?? undefined;
      return saved;
    });
  }
}
