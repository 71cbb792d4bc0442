import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { SiteStatus } from '#contracts';
import type { PageQuery, SiteScope } from '#core';
import { isUniqueViolation, whereInScope } from '#db';
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

/** Saves the entity; null when it breaks a unique name or label. */
async function unlessTaken<T>(save: Promise<T>): Promise<T | null> {
  try {
    return await save;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** The network's tables (partner, site, seat) through one entity manager: the app's, or a transaction's. */
export class NetworkTables {
  constructor(protected readonly db: EntityManager) {}

  partner(id: string): Promise<Partner | null> {
    return this.db.findOneBy(Partner, { id });
  }

  /** Stores a new partner; null when its name is taken. */
  insertPartner(fields: Pick<Partner, 'name' | 'kind'>): Promise<Partner | null> {
    return unlessTaken(this.db.save(Partner, this.db.create(Partner, fields)));
  }

  /** Stores the partner with these changes (applied to it); null when its new name is taken. */
  updatePartner(partner: Partner, changes: Partial<Partner>): Promise<Partner | null> {
    return unlessTaken(this.db.save(Partner, this.db.merge(Partner, partner, changes)));
  }

  async partnerExists(id: string): Promise<boolean> {
    return (await this.db.countBy(Partner, { id })) > 0;
  }

  /** A page of partners by name, among `ids` (undefined: every one). */
  partnersPage(ids: readonly string[] | undefined, page: PageQuery): Promise<[Partner[], number]> {
    return this.db.findAndCount(Partner, {
      where: ids ? { id: In([...ids]) } : {},
      order: { name: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  /** The partners owning these sites (of `partnerId` only, when given). */
  async partnerIdsOfSites(siteIds: readonly string[], partnerId?: string): Promise<string[]> {
    const sites = await this.db.find(Site, {
      select: { partnerId: true },
      where: { id: In([...siteIds]), ...(partnerId ? { partnerId } : {}) },
    });
    return [...new Set(sites.map((site) => site.partnerId))];
  }

  site(id: string, withPartner = false): Promise<Site | null> {
    return this.db.findOne(Site, { where: { id }, relations: { partner: withPartner } });
  }

  /** The site, locked until the transaction ends (writes that check its installed seats). */
  lockedSite(id: string): Promise<Site | null> {
    return this.db.findOne(Site, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async sitesByIds(ids: readonly string[]): Promise<Site[]> {
    return ids.length ? this.db.findBy(Site, { id: In([...ids]) }) : [];
  }

  /** Sites matching the filter, ordered by name (by partner name first when partners are loaded). */
  sites(filter: SiteFilter): Promise<Site[]>;
  sites(filter: SiteFilter, page: PageQuery): Promise<[Site[], number]>;
  sites(filter: SiteFilter, page?: PageQuery): Promise<Site[] | [Site[], number]> {
    const builder = this.db.createQueryBuilder(Site, 'site');
    if (filter.withPartner)
      builder
        .leftJoinAndSelect('site.partner', 'partner')
        .orderBy('partner.name', 'ASC')
        .addOrderBy('site.name', 'ASC');
    else builder.orderBy('site.name', 'ASC');
    const { scope } = filter;
    whereInScope(builder, scope, { partner: 'site.partnerId', site: 'site.id' });
    if (filter.siteId) builder.andWhere('site.id = :siteId', { siteId: filter.siteId });
    if (filter.partnerId) builder.andWhere('site.partnerId = :partnerId', { partnerId: filter.partnerId });
    if (filter.country)
      builder.andWhere('site.country = :country', { country: filter.country.toUpperCase() });
    if (filter.status) builder.andWhere('site.status = :status', { status: filter.status });
    return page ? builder.take(page.limit).skip(page.offset).getManyAndCount() : builder.getMany();
  }

  /** Stores a new site; null when its name is taken. */
  insertSite(
    fields: Omit<Site, 'id' | 'partner' | 'createdAt' | 'updatedAt' | 'onshore'>,
  ): Promise<Site | null> {
    return unlessTaken(this.db.save(Site, this.db.create(Site, fields)));
  }

  /** Stores the site with these changes (applied to it); null when its new name is taken. */
  updateSite(site: Site, changes: Partial<Site>): Promise<Site | null> {
    return unlessTaken(this.db.save(Site, this.db.merge(Site, site, changes)));
  }

  seat(id: string): Promise<Seat | null> {
    return this.db.findOneBy(Seat, { id });
  }

  seatsPage(siteId: string, page: PageQuery): Promise<[Seat[], number]> {
    return this.db.findAndCount(Seat, {
      where: { siteId },
      order: { label: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  seatsLabelled(siteId: string, labels: readonly string[]): Promise<Seat[]> {
    return this.db.findBy(Seat, { siteId, label: In([...labels]) });
  }

  activeSeatCount(siteId: string): Promise<number> {
    return this.db.countBy(Seat, { siteId, active: true });
  }

  /** Ids and sites of the active seats of one site, or of every site. */
  activeSeats(siteId?: string): Promise<Array<Pick<Seat, 'id' | 'siteId'>>> {
    return this.db.find(Seat, {
      select: { id: true, siteId: true },
      where: siteId ? { siteId, active: true } : { active: true },
    });
  }

  /** Stores new active seats of a site. */
  insertSeats(siteId: string, labels: readonly string[]): Promise<Seat[]> {
    return this.db.save(labels.map((label) => this.db.create(Seat, { siteId, label, active: true })));
  }

  /** Stores the seat with these changes (applied to it); null when its new label is taken. */
  updateSeat(seat: Seat, changes: Partial<Seat>): Promise<Seat | null> {
    return unlessTaken(this.db.save(Seat, this.db.merge(Seat, seat, changes)));
  }
}

/**
 * The network's tables: the only code that queries partner, site and seat. Other contexts read
 * them through SiteDirectory; `transaction` runs writes that check and change them together.
 */
@Injectable()
export class NetworkStore extends NetworkTables {
  constructor(dataSource: DataSource) {
    super(dataSource.manager);
  }

  transaction<T>(work: (tables: NetworkTables) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => work(new NetworkTables(manager)));
  }
}
