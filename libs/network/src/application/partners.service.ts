import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Page, PageQuery, pageOf, SiteScope } from '#core';
import { isUniqueViolation } from '#db';
import { Partner } from '../domain/partner.entity.js';
import { Site } from '../domain/site.entity.js';
import { NetworkError } from '../domain/network.error.js';
import { CreatePartnerDto, UpdatePartnerDto } from './network.dto.js';

@Injectable()
export class PartnersService {
  constructor(
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    @InjectRepository(Site) private readonly sites: Repository<Site>,
  ) {}

  async list(scope: SiteScope, query: PageQuery): Promise<Page<Partner>> {
    const visible = await this.visiblePartners(scope);
    const [items, total] = await this.partners.findAndCount({
      where: visible ? { id: In(visible) } : {},
      order: { name: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(items, total, query);
  }

  /** The partner, if the caller may see it: its own, or one owning a site of its scope. */
  async get(scope: SiteScope, id: string): Promise<Partner> {
    const visible = await this.visiblePartners(scope);
    const partner = visible && !visible.includes(id) ? null : await this.partners.findOneBy({ id });
    if (!partner) throw NetworkError.partnerNotFound(id);
    return partner;
  }

  /** The partners a restricted caller may see (undefined: every one). */
  private async visiblePartners(scope: SiteScope): Promise<string[] | undefined> {
    if (!scope.siteIds) return scope.partnerId ? [scope.partnerId] : undefined;
    const sites = await this.sites.find({
      select: { partnerId: true },
      where: { id: In([...scope.siteIds]), ...(scope.partnerId ? { partnerId: scope.partnerId } : {}) },
    });
    return [...new Set(sites.map((site) => site.partnerId))];
  }

  async register(command: CreatePartnerDto): Promise<Partner> {
    return this.saveUnique(this.partners.create(command));
  }

  async update(id: string, changes: UpdatePartnerDto): Promise<Partner> {
    const partner = await this.partners.findOneBy({ id });
    if (!partner) throw NetworkError.partnerNotFound(id);
    return this.saveUnique(this.partners.merge(partner, changes));
  }

  private async saveUnique(partner: Partner): Promise<Partner> {
    try {
      return await this.partners.save(partner);
    } catch (error) {
      if (isUniqueViolation(error)) throw NetworkError.partnerNameTaken(partner.name);
      throw error;
    }
  }
}
