import { Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '#config';
import { CoreModule } from '#core';
import { DbModule } from '#db';
import { IdentityModule } from '#identity';
import { JobsModule } from '#jobs';
import { NetworkModule } from '#network';
import { LoggingModule, MetricsModule } from '#observability';
import { RedisModule } from '#redis';

/** The worker: job handlers of every context, no HTTP. */
@Module({})
export class WorkerModule {
  static with(config: AppConfig) {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule,
        LoggingModule.forRoot(),
        MetricsModule,
        DbModule,
        RedisModule,
        JobsModule.forRoot({ processJobs: true }),
        IdentityModule,
        NetworkModule,
      ],
    };
  }
}
