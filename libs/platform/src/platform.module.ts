import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '#config';
import { CoreModule } from '#core';
import { DbModule } from '#db';
import { JobsModule } from '#jobs';
import { LoggingModule, MetricsModule } from '#observability';
import { RedisModule } from '#redis';
import { ReadinessChecks } from './readiness.js';

export interface PlatformOptions {
  /** Whether this process runs job handlers (see JobsModule). */
  processJobs: boolean;
  /** Structured request/JSON logging (the cli keeps Nest's plain console logger). */
  logging?: boolean;
}

/**
 * The infrastructure every Plateau process stands on: validated config, clock and event bus,
 * logs and metrics, the database, Redis and the job queue. Apps add their domain modules.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule,
        ...(options.logging === false ? [] : [LoggingModule.forRoot()]),
        MetricsModule,
        DbModule,
        RedisModule,
        JobsModule.forRoot({ processJobs: options.processJobs }),
      ],
      providers: [ReadinessChecks],
      exports: [ReadinessChecks],
      global: true,
    };
  }
}
