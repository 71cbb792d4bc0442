import { Injectable } from '@nestjs/common';
import { type ContextJob, contextJob, ContextJobs } from '#jobs';
import { AllocationService } from './allocation/allocation.service.js';
import { CampaignsOptions } from './campaigns.options.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import { ImportMerger } from './contacts/import-merger.js';
import { ImportRecovery } from './contacts/import-recovery.js';
import { LeaseExpiry } from './dispatch/lease-expiry.js';
import { ProgressPublisher } from './progress/progress-publisher.js';

/** The campaigns jobs: import merge, allocation, lease expiry, import recovery, and their schedules. */
@Injectable()
export class CampaignsJobs extends ContextJobs {
  constructor(
    private readonly merger: ImportMerger,
    private readonly allocation: AllocationService,
    private readonly campaigns: CampaignsService,
    private readonly expiry: LeaseExpiry,
    private readonly progress: ProgressPublisher,
    private readonly recovery: ImportRecovery,
    private readonly options: CampaignsOptions,
  ) {
    super();
  }

  protected jobs(): ContextJob[] {
    return [
      contextJob('campaigns.import', async ({ importId }, context) => {
        const job = await this.merger.merge(importId, context);
        if (job?.status === 'completed') {
          await this.queue.enqueue('campaigns.allocate', { campaignId: job.campaignId });
          await this.progress.publishNow(job.campaignId);
        }
        return job && { created: job.created, merged: job.merged };
      }),
      contextJob(
        'campaigns.allocate',
        async ({ campaignId }) => {
          await this.campaigns.promoteDue();
          const ids = campaignId ? [campaignId] : await this.allocation.liveCampaignIds();
          for (const id of ids) {
            await this.allocation.recompute(id);
            await this.progress.publishNow(id);
          }
          return { campaigns: ids.length };
        },
        this.options.allocateEveryMs,
      ),
      contextJob('campaigns.recover-imports', () => this.recovery.recover(), 60_000),
      contextJob(
        'campaigns.expire-leases',
        ({ at }) => this.expiry.expire(at ? new Date(at) : undefined),
        this.options.expireLeasesEveryMs,
      ),
    ];
  }

  /** Imports a stopped process left unfinished resume now, not in a minute. */
  protected override async atStart(): Promise<void> {
    await this.queue.enqueue('campaigns.recover-imports', {}, { attempts: 1 });
  }
}
