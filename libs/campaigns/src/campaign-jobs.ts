import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { JobHandlers, JobQueue } from '#jobs';
import { AllocationService } from './allocation/allocation.service.js';
import { CampaignsOptions } from './campaigns.options.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import { ImportMerger } from './contacts/import-merger.js';
import { ImportRecovery } from './contacts/import-recovery.js';
import { LeaseExpiry } from './dispatch/lease-expiry.js';
import { ProgressPublisher } from './progress/progress-publisher.js';

/** Registers the campaigns jobs (import merge, allocation, lease expiry) and their schedules. */
@Injectable()
export class CampaignJobs implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly jobs: JobQueue,
    private readonly merger: ImportMerger,
    private readonly allocation: AllocationService,
    private readonly campaigns: CampaignsService,
    private readonly expiry: LeaseExpiry,
    private readonly progress: ProgressPublisher,
    private readonly recovery: ImportRecovery,
    private readonly options: CampaignsOptions,
  ) {}

  onModuleInit(): void {
    this.handlers.register('campaigns.import', async ({ importId }, context) => {
      const job = await this.merger.merge(importId, context);
      if (job?.status === 'completed') {
        await this.jobs.enqueue('campaigns.allocate', { campaignId: job.campaignId });
        await this.progress.publishNow(job.campaignId);
      }
      return job && { created: job.created, merged: job.merged };
    });
    this.handlers.register('campaigns.allocate', async ({ campaignId }) => {
      await this.campaigns.promoteDue();
      const ids = campaignId ? [campaignId] : await this.allocation.liveCampaignIds();
      for (const id of ids) {
        await this.allocation.recompute(id);
        await this.progress.publishNow(id);
      }
      return { campaigns: ids.length };
    });
    this.handlers.register('campaigns.recover-imports', () => this.recovery.recover());
    this.handlers.register('campaigns.expire-leases', ({ at }) =>
      this.expiry.expire(at ? new Date(at) : undefined),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule('campaigns.expire-leases', {}, this.options.expireLeasesEveryMs);
    await this.jobs.schedule('campaigns.allocate', {}, this.options.allocateEveryMs);
    await this.jobs.schedule('campaigns.recover-imports', {}, 60_000);
    // at start: imports a stopped process left unfinished resume now, not in a minute
    await this.jobs.enqueue('campaigns.recover-imports', {}, { attempts: 1 });
  }
}
