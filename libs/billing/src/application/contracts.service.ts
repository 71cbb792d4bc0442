import { Injectable } from '@nestjs/common';
import type { BillingContractView, RateMonth } from '#contracts';
import type { SiteScope } from '#core';
import { BillingStore, type NewContract } from '../billing.store.js';
import { BillingError } from '../domain/billing.error.js';
import { contractProblems, rateTable } from '../domain/contract.js';
import { BillingSites } from './billing-sites.js';
import type { CreateContractDto, RateTableQuery } from './billing.dto.js';

/** Partner contracts: basis, rates, billable states and pause reasons, SLA terms. */
@Injectable()
export class ContractsService {
  constructor(
    private readonly store: BillingStore,
    private readonly sites: BillingSites,
  ) {}

  async create(scope: SiteScope, by: string, dto: CreateContractDto): Promise<BillingContractView> {
    await this.sites.partner(scope, dto.partnerId);
    if (dto.siteId) {
      const site = await this.sites.site(scope, dto.siteId);
      if (site.partnerId !== dto.partnerId)
        throw BillingError.invalidContract([
          { field: 'siteId', message: "is not one of the partner's sites" },
        ]);
    }
    const contract: NewContract = {
      partnerId: dto.partnerId,
      siteId: dto.siteId ?? null,
      name: dto.name.trim(),
      basis: dto.basis,
      currency: dto.currency,
      validFrom: dto.validFrom,
      validTo: dto.validTo ?? null,
      contractedSeats: dto.contractedSeats ?? null,
      billableStates: [...new Set(dto.billableStates)],
      billablePauseReasons: [...new Set(dto.billablePauseReasons)],
      rates: dto.rates.map((rate) => ({
        validFrom: rate.validFrom,
        validTo: rate.validTo ?? null,
        amount: rate.amount,
      })),
      sla: { ...dto.sla },
    };
    const problems = contractProblems(contract);
    if (problems.length) throw BillingError.invalidContract(problems);
    return this.get(scope, await this.store.insertContract(contract, by));
  }

  /** Contracts the caller may see: a partner only its own. */
  list(scope: SiteScope, partnerId?: string): Promise<BillingContractView[]> {
    if (scope.partnerId && partnerId && partnerId !== scope.partnerId) return Promise.resolve([]);
    return this.store.contracts({ partnerId: scope.partnerId ?? partnerId });
  }

  async get(scope: SiteScope, id: string): Promise<BillingContractView> {
    const [contract] = await this.store.contracts({ id, partnerId: scope.partnerId });
    if (!contract) throw BillingError.contractNotFound(id);
    return contract;
  }

  async rates(scope: SiteScope, id: string, query: RateTableQuery): Promise<RateMonth[]> {
    if (query.to < query.from)
      throw BillingError.invalidPeriod('to', query.to, `a month from ${query.from} on`);
    return rateTable(await this.get(scope, id), query.from, query.to);
  }

  /** Every contract of a partner (for the delivered-hours rules). */
  ofPartner(partnerId: string): Promise<BillingContractView[]> {
    return this.store.contracts({ partnerId });
  }
}
