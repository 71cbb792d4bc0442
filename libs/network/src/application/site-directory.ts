import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { SiteStatus } from '#contracts';
import type { SiteScope } from '#core';
import { Partner } from '../domain/partner.entity.js';
import { Seat } from '../domain/seat.entity.js';
import { Site } from '../domain/site.entity.js';

/** Which sites a reader wants: within a caller's scope, narrowed by the filters given. */
export interface SiteFilter {
  scope?: SiteScope;
  siteId?: string;
  partnerId?: string;
  /** ISO 3166 alpha-2, either case */
  country?: string;
  status?: SiteStatus;
  /** with each site's partner loaded (sites then come ordered by partner name, then site name) */
  withPartner?: boolean;
}

/**
 * What other contexts may read of the network: sites, their active seats, whether a partner
 * exists. The network owns the partner, site and seat tables; staffing, live, campaigns and the
 * rest read them only through here, never through a repository of their own.
 */
@Injectable()
export class SiteDirectory {
  constructor(
    @InjectRepository(Site) private readonly sites: Repository<Site>,
    @InjectRepository(Seat) private readonly seats: Repository<Seat>,
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
  ) {}

  /** The site with this id, or null (scope checks are the caller's: it knows its own error). */
  site(id: string): Promise<Site | null> {
    return this.sites.findOneBy({ id });
  }

  /** The sites with these ids that exist, in no particular order. */
  async sitesByIds(ids: readonly string[]): Promise<Site[]> {
    return ids.length ? this.sites.findBy({ id: In([...ids]) }) : [];
  }

  /** Sites matching the filter, ordered by name (by partner name first when partners are loaded). */
  find(filter: SiteFilter = {}): Promise<Site[]> {
    return this.matching(filter).getMany();
  }

  /** One page of the sites matching the filter, and how many match in all. */
  page(filter: SiteFilter, page: { limit: number; offset: number }): Promise<[Site[], number]> {
    return this.matching(filter).take(page.limit).skip(page.offset).getManyAndCount();
  }

  private matching(filter: SiteFilter) {
    const builder = this.sites.createQueryBuilder('site');
    if (filter.withPartner)
      builder
        .leftJoinAndSelect('site.partner', 'partner')
        .orderBy('partner.name', 'ASC')
        .addOrderBy('site.name', 'ASC');
    else builder.orderBy('site.name', 'ASC');
    const { scope } = filter;
    if (scope?.partnerId)
      builder.andWhere('site.partnerId = :scopePartner', { scopePartner: scope.partnerId });
    if (scope?.siteIds)
      builder.andWhere('site.id IN (:...scopeSites)', { scopeSites: [...scope.siteIds, null] });
    if (filter.siteId) builder.andWhere('site.id = :siteId', { siteId: filter.siteId });
    if (filter.partnerId) builder.andWhere('site.partnerId = :partnerId', { partnerId: filter.partnerId });
    if (filter.country)
      builder.andWhere('site.country = :country', { country: filter.country.toUpperCase() });
    if (filter.status) builder.andWhere('site.status = :status', { status: filter.status });
    return builder;
  }

  /** The ids of the active seats of one site, or of every site (by site id). */
  async activeSeatIds(siteId?: string): Promise<Map<string, Set<string>>> {
    const seats = await this.seats.find({
      select: { id: true, siteId: true },
      where: siteId ? { siteId, active: true } : { active: true },
    });
    const bySite = new Map<string, Set<string>>();
    for (const seat of seats) {
      if (!bySite.has(seat.siteId)) bySite.set(seat.siteId, new Set());
      bySite.get(seat.siteId)!.add(seat.id);
    }
    return bySite;
  }

  async partnerExists(id: string): Promise<boolean> {
    return (await this.partners.countBy({ id })) > 0;
  }
}
