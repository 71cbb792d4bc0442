import { Injectable } from '@nestjs/common';
import { MAX_PAGE_SIZE, type SiteScope } from '#core';
import { PartnersService, type Site, SiteQuery, SitesService } from '#network';

/** The sites billing works with, read through the network's public services and the caller's scope. */
@Injectable()
export class BillingSites {
  constructor(
    private readonly sites: SitesService,
    private readonly partners: PartnersService,
  ) {}

  /** The site if the caller may see it; another partner's site is "not found" (404). */
  site(scope: SiteScope, id: string): Promise<Site> {
    return this.sites.get(scope, id);
  }

  /** Every site the caller may see (optionally one partner's). */
  async all(scope: SiteScope, partnerId?: string): Promise<Site[]> {
    const sites: Site[] = [];
    for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
      const query = Object.assign(new SiteQuery(), { limit: MAX_PAGE_SIZE, offset, partnerId });
      const page = await this.sites.list(scope, query);
      sites.push(...page.items);
      if (sites.length >= page.total || !page.items.length) return sites;
    }
  }

  /** Throws the network's 404 when the partner does not exist or is outside the scope. */
  async partner(scope: SiteScope, id: string): Promise<void> {
    await this.partners.get(scope, id);
  }
}
