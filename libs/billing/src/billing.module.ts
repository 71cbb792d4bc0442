import { Module } from '@nestjs/common';
import { CampaignsModule } from '#campaigns';
import { LiveModule } from '#live';
import { NetworkModule } from '#network';
import { PlanningModule } from '#planning';
import { StaffingModule } from '#staffing';
import { BillingSites } from './application/billing-sites.js';
import { ContractsService } from './application/contracts.service.js';
import { DeliveredHoursService } from './application/delivered-hours.service.js';
import { InvoicesService } from './application/invoices.service.js';
import { RequestedHoursService } from './application/requested-hours.service.js';
import { BillingStore } from './billing.store.js';
import { BillingController } from './http/billing.controller.js';

const services = [ContractsService, RequestedHoursService, DeliveredHoursService, InvoicesService];

/** Partner billing: contracts, requested hours, delivered hours, invoice lines, line adherence (no HTTP). */
@Module({
  imports: [NetworkModule, StaffingModule, CampaignsModule, LiveModule, PlanningModule],
  providers: [BillingStore, BillingSites, ...services],
  exports: services,
})
export class BillingModule {}

/** The billing REST routes, for the api. */
@Module({ imports: [BillingModule], controllers: [BillingController] })
export class BillingHttpModule {}
