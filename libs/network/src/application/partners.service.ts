import { Injectable } from '@nestjs/common';
import { Page, PageQuery, pageOf, SiteScope } from '#core';
import { Partner } from '../domain/partner.entity.js';
import { NetworkError } from '../domain/network.error.js';
import { NetworkStore } from '../store/network.store.js';
import { CreatePartnerDto, UpdatePartnerDto } from './network.dto.js';

@Injectable()
export class PartnersService {
  constructor(private readonly store: NetworkStore) {}

  async list(scope: SiteScope, query: PageQuery): Promise<Page<Partner>> {
    const [items, total] = await this.store.partnersPage(await this.visiblePartners(scope), query);
    return pageOf(items, total, query);
  }

  /** The partner, if the caller may see it: its own, or one owning a site of its scope. */
  async get(scope: SiteScope, id: string): Promise<Partner> {
    const visible = await this.visiblePartners(scope);
    const partner = visible && !visible.includes(id) ? null : await this.store.partner(id);
    if (!partner) throw NetworkError.partnerNotFound(id);
    return partner;
  }

  /** The partners a restricted caller may see (undefined: every one). */
  private async visiblePartners(scope: SiteScope): Promise<string[] | undefined> {
    if (!scope.siteIds) return scope.partnerId ? [scope.partnerId] : undefined;
    return this.store.partnerIdsOfSites(scope.siteIds, scope.partnerId);
  }

  async register(command: CreatePartnerDto): Promise<Partner> {
    const partner = await this.store.insertPartner(command);
    if (!partner) throw NetworkError.partnerNameTaken(command.name);
    return partner;
  }

  async update(id: string, changes: UpdatePartnerDto): Promise<Partner> {
    const partner = await this.store.partner(id);
    if (!partner) throw NetworkError.partnerNotFound(id);
    const saved = await this.store.updatePartner(partner, changes);
    if (!saved) throw NetworkError.partnerNameTaken(partner.name);
    return saved;
  }
}
