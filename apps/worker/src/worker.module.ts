import { Module } from '@nestjs/common';
import { AppConfig } from '#config';
import { PlatformModule } from '#platform';
import { BillingModule } from '#billing';
import { CampaignsModule } from '#campaigns';
import { IdentityModule } from '#identity';
import { LiveModule } from '#live';
import { NetworkModule } from '#network';
import { StaffingModule } from '#staffing';
import { WorkerHealth } from './worker-health.js';
import { WallboardModule } from '#wallboard';

/**
 * The worker: job handlers of every context; no HTTP but its health probes (WORKER_HEALTH_PORT).
 * Billing is loaded for the allocation's cost view (campaigns' CampaignCostReader).
 */
@Module({})
export class WorkerModule {
  static with(config: AppConfig) {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config, { processJobs: true }),
        IdentityModule,
        NetworkModule,
        LiveModule,
        StaffingModule,
        CampaignsModule,
        BillingModule,
        WallboardModule,
      ],
      providers: [WorkerHealth],
    };
  }
}
