import { Module } from '@nestjs/common';
import { AppConfig } from '#config';
import { PlatformModule } from '#platform';
import { CampaignsModule } from '#campaigns';
import { IdentityModule } from '#identity';
import { LiveModule } from '#live';
import { NetworkModule } from '#network';
import { StaffingModule } from '#staffing';
import { WorkerHealth } from './worker-health.js';
import { WallboardModule } from '#wallboard';

/** The worker: job handlers of every context; no HTTP but its health probes (WORKER_HEALTH_PORT). */
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
        WallboardModule,
      ],
      providers: [WorkerHealth],
    };
  }
}
