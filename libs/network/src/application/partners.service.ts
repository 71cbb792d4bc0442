import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Page, PageQuery, pageOf, SiteScope } from '#core';
import { isUniqueViolation } from '#db';
import { Partner } from '../domain/partner.entity.js';
import { NetworkError } from '../domain/network.error.js';
import { CreatePartnerDto, UpdatePartnerDto } from './network.dto.js';

@Injectable()
export class PartnersService {
  constructor(@InjectRepository(Partner) private readonly partners: Repository<Partner>) {}

  async list(scope: SiteScope, query: PageQuery): Promise<Page<Partner>> {
    const [items, total] = await this.partners.findAndCount({
      where: scope.partnerId ? { id: scope.partnerId } : {},
      order: { name: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(items, total, query);
  }

  async get(scope: SiteScope, id: string): Promise<Partner> {
    const partner = await this.partners.findOneBy({ id });
    if (!partner || (scope.partnerId && scope.partnerId !== id)) throw NetworkError.partnerNotFound(id);
    return partner;
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
