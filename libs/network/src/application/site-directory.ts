import { Injectable } from '@nestjs/common';
import type { NetworkReferences } from '#identity';
import type { Site } from '../domain/site.entity.js';
import { NetworkStore, type SiteFilter } from '../store/network.store.js';

export type { SiteFilter };

/**
 * What other contexts may read of the network: sites, their active seats, whether a partner
 * exists. The network owns the partner, site and seat tables; staffing, live, campaigns and the
 * rest read them only through here, never through a repository of their own. It is also the
 * NetworkReferences port that identity declares (does the partner, do the sites of a user exist).
 */
@Injectable()
export class SiteDirectory implements NetworkReferences {
  constructor(private readonly store: NetworkStore) {}

  /** The site with this id, or null (scope checks are the caller's: it knows its own error). */
  site(id: string): Promise<Site | null> {
    return this.store.site(id);
  }

  /** The sites with these ids that exist, in no particular order. */
  sitesByIds(ids: readonly string[]): Promise<Site[]> {
    return this.store.sitesByIds(ids);
  }

  /** Sites matching the filter, ordered by name (by partner name first when partners are loaded). */
  find(filter: SiteFilter = {}): Promise<Site[]> {
    return this.store.sites(filter);
  }

  /** One page of the sites matching the filter, and how many match in all. */
  page(filter: SiteFilter, page: { limit: number; offset: number }): Promise<[Site[], number]> {
    return this.store.sites(filter, page);
  }

  /** The ids of the active seats of one site, or of every site (by site id). */
  async activeSeatIds(siteId?: string): Promise<Map<string, Set<string>>> {
    const bySite = new Map<string, Set<string>>();
    for (const seat of await this.store.activeSeats(siteId)) {
      if (!bySite.has(seat.siteId)) bySite.set(seat.siteId, new Set());
      bySite.get(seat.siteId)!.add(seat.id);
    }
    return bySite;
  }

  partnerExists(id: string): Promise<boolean> {
    return this.store.partnerExists(id);
  }
}
