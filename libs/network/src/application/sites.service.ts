import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Page, pageOf, scopeAllowsSite, SiteScope } from '#core';
import { isUniqueViolation } from '#db';
import { Partner } from '../domain/partner.entity.js';
import { Seat } from '../domain/seat.entity.js';
import { Site } from '../domain/site.entity.js';
import { NetworkError } from '../domain/network.error.js';
import { CreateSiteDto, UpdateSiteDto } from './network.dto.js';
import { SiteDirectory } from './site-directory.js';
import { SiteQuery } from './site-query.js';

@Injectable()
export class SitesService {
  constructor(
    @InjectRepository(Site) private readonly sites: Repository<Site>,
    private readonly dataSource: DataSource,
    private readonly directory: SiteDirectory,
  ) {}

  async list(scope: SiteScope, query: SiteQuery): Promise<Page<Site>> {
    const { partnerId, country, status } = query;
    const [items, total] = await this.directory.page(
      { scope, partnerId, country, status, withPartner: true },
      query,
    );
    return pageOf(items, total, query);
  }

  /** The site, if the caller may see it; otherwise "not found", whether or not it exists. */
  async get(scope: SiteScope, id: string): Promise<Site> {
    const site = await this.sites.findOne({ where: { id }, relations: { partner: true } });
    if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.siteNotFound(id);
    return site;
  }

  async open(scope: SiteScope, command: CreateSiteDto): Promise<Site> {
    if (scope.partnerId && scope.partnerId !== command.partnerId)
      throw NetworkError.unknownPartner(command.partnerId);
    const partner = await this.dataSource.getRepository(Partner).findOneBy({ id: command.partnerId });
    if (!partner) throw NetworkError.unknownPartner(command.partnerId);
    const site = this.sites.create({
      partnerId: command.partnerId,
      name: command.name,
      city: command.city,
      timeZone: command.timeZone,
      installedSeats: command.installedSeats,
      country: command.country.toUpperCase(),
      status: command.status ?? 'active',
      openedOn: command.openedOn ?? null,
    });
    const saved = await this.saveUnique(site);
    saved.partner = partner;
    return saved;
  }

  async update(scope: SiteScope, id: string, changes: UpdateSiteDto): Promise<Site> {
    return this.dataSource.transaction(async (manager) => {
      const site = await manager.findOne(Site, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!site || !scopeAllowsSite(scope, site)) throw NetworkError.siteNotFound(id);
      if (changes.installedSeats !== undefined) {
        const activeSeats = await manager.countBy(Seat, { siteId: id, active: true });
        if (changes.installedSeats < activeSeats)
          throw NetworkError.seatCapacityExceeded(changes.installedSeats, activeSeats);
      }
      manager.merge(Site, site, { ...changes, country: changes.country?.toUpperCase() ?? site.country });
      try {
        await manager.save(site);
      } catch (error) {
        if (isUniqueViolation(error)) throw NetworkError.siteNameTaken(site.name);
        throw error;
      }
      site.partner = (await manager.findOneBy(Partner, { id: site.partnerId })) ?? undefined;
      return site;
    });
  }

  private async saveUnique(site: Site): Promise<Site> {
    try {
      return await this.sites.save(site);
    } catch (error) {
      if (isUniqueViolation(error)) throw NetworkError.siteNameTaken(site.name);
      throw error;
    }
  }
}
