import { Module } from '@nestjs/common';
import { CampaignCostReader, CampaignsModule } from '#campaigns';
import { LiveModule } from '#live';
import { NetworkModule } from '#network';
import { PlanningModule } from '#planning';
import { StaffingModule } from '#staffing';
import { BillingSites } from './application/billing-sites.js';
import { CampaignCosts } from './application/campaign-costs.js';
import { ContractsService } from './application/contracts.service.js';
import { DeliveredHoursService } from './application/delivered-hours.service.js';
import { ExchangeRatesService } from './application/exchange-rates.service.js';
import { InvoicesService } from './application/invoices.service.js';
import { RequestedHoursService } from './application/requested-hours.service.js';
import { BillingStore } from './billing.store.js';
import { BillingController } from './http/billing.controller.js';

const services = [
  ContractsService,
  RequestedHoursService,
  DeliveredHoursService,
  InvoicesService,
  ExchangeRatesService,
];

/**
 * Partner billing: contracts, exchange rates, requested hours, delivered hours, invoice lines, line
 * adherence (no HTTP); provides campaigns' CampaignCostReader, so the allocation's cost view is billing's.
 */
@Module({
  imports: [NetworkModule, StaffingModule, CampaignsModule, LiveModule, PlanningModule],
  providers: [
    BillingStore,
    BillingSites,
    ...services,
    { provide: CampaignCostReader, useClass: CampaignCosts },
  ],
  exports: [...services, CampaignCostReader],
})
export class BillingModule {}

/** The billing REST routes, for the api. */
@Module({ imports: [BillingModule], controllers: [BillingController] })
export class BillingHttpModule {}
