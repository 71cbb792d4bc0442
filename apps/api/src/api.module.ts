import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig, ConfigModule } from '#config';
import { CoreModule, DomainExceptionFilter } from '#core';
import { DbModule } from '#db';
import { DemoModule } from '#demo';
import { JobsModule } from '#jobs';
import { AccessGuard, AuditInterceptor, IdentityHttpModule, IdentityModule } from '#identity';
import { NetworkHttpModule } from '#network';
import { LoggingModule, MetricsModule } from '#observability';
import { RedisModule } from '#redis';
import { HealthController } from './ops/health.controller.js';
import { MetricsController } from './ops/metrics.controller.js';

@Module({})
export class ApiModule {
  static with(config: AppConfig) {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule,
        LoggingModule.forRoot(),
        MetricsModule,
        DbModule,
        RedisModule,
        JobsModule.forRoot({ processJobs: !config.REDIS_URL || config.PROCESS_JOBS_IN_API }),
        IdentityModule,
        IdentityHttpModule,
        NetworkHttpModule,
        DemoModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
      ],
    };
  }
}
