import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '#identity';
import { NetworkModule } from '#network';
import { StaffingModule } from '#staffing';
import { AllocationService } from './allocation/allocation.service.js';
import { AllocationStore } from './allocation/allocation.store.js';
import { SiteHours } from './allocation/site-hours.js';
import { TestAndLearnController } from './allocation/test-and-learn.controller.js';
import { TestCellsService } from './allocation/test-cells.service.js';
import { VerdictService } from './allocation/verdict.service.js';
import { CampaignsJobs } from './campaigns.jobs.js';
import { CampaignsOptions } from './campaigns.options.js';
import { CampaignsController } from './campaigns/campaigns.controller.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import { CampaignsStore } from './campaigns/campaigns.store.js';
import { ContactImportService } from './contacts/contact-import.service.js';
import { ContactsController } from './contacts/contacts.controller.js';
import { ContactsStore } from './contacts/contacts.store.js';
import { CsvBodyParser } from './contacts/csv-body.js';
import { ImportMerger } from './contacts/import-merger.js';
import { ImportRecovery } from './contacts/import-recovery.js';
import { SuppressionsService } from './contacts/suppressions.service.js';
import { DispatchController } from './dispatch/dispatch.controller.js';
import { DispatchStore } from './dispatch/dispatch.store.js';
import { LeaseExpiry } from './dispatch/lease-expiry.js';
import { LeaseService } from './dispatch/lease.service.js';
import { LeaseWhy } from './dispatch/lease-why.js';
import { OutcomesService } from './dispatch/outcomes.service.js';
import { Campaign } from './domain/campaign.entity.js';
import { CampaignSite } from './domain/campaign-site.entity.js';
import { ContactImport } from './domain/contact-import.entity.js';
import { ContactLease } from './domain/contact-lease.entity.js';
import { ProgressController } from './progress/progress.controller.js';
import { ProgressPublisher } from './progress/progress-publisher.js';
import { ProgressService } from './progress/progress.service.js';
import { ProgressStore } from './progress/progress.store.js';
import { AttemptActivity } from './progress/attempt-activity.js';
import { OutcomeFigures } from './reporting/outcome-figures.js';
import { ComplianceReportController } from './reporting/compliance-report.controller.js';
import { ComplianceReportService } from './reporting/compliance-report.service.js';
import { ReportingStore } from './reporting/reporting.store.js';
import { TransparencyService } from './progress/transparency.service.js';

const services = [
  CampaignsStore,
  CampaignsService,
  AllocationStore,
  SiteHours,
  AllocationService,
  VerdictService,
  TestCellsService,
  ContactsStore,
  ContactImportService,
  ImportMerger,
  ImportRecovery,
  SuppressionsService,
  DispatchStore,
  LeaseService,
  LeaseWhy,
  OutcomesService,
  LeaseExpiry,
  ProgressStore,
  AttemptActivity,
  ProgressService,
  ProgressPublisher,
  TransparencyService,
  OutcomeFigures,
  ReportingStore,
  ComplianceReportService,
];

/** Campaigns, contacts, compliance, allocation, dispatch and their jobs: no HTTP (worker, cli). */
@Module({
  imports: [
    // the audit trail keeps who launched a campaign over a stale opposition list, from any caller
    IdentityModule,
    NetworkModule,
    StaffingModule,
    TypeOrmModule.forFeature([Campaign, CampaignSite, ContactImport, ContactLease]),
  ],
  providers: [{ provide: CampaignsOptions, useValue: new CampaignsOptions() }, ...services, CampaignsJobs],
  exports: [CampaignsOptions, ...services],
})
export class CampaignsModule {}

/** The campaigns REST routes, for the api. */
@Module({
  imports: [CampaignsModule],
  controllers: [
    CampaignsController,
    ContactsController,
    DispatchController,
    ProgressController,
    TestAndLearnController,
    ComplianceReportController,
  ],
  providers: [CsvBodyParser],
})
export class CampaignsHttpModule {}
