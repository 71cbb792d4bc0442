import { Module } from '@nestjs/common';
import { AppConfig } from '#config';
import { PlatformModule } from '#platform';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { DomainExceptionFilter } from '#core';
import { AlertsHttpModule } from '#alerts';
import { BillingHttpModule } from '#billing';
import { CampaignsHttpModule } from '#campaigns';
import { DemoModule } from '#demo';
import { AccessGuard, AuditInterceptor, IdentityHttpModule, IdentityModule } from '#identity';
import { LiveHttpModule } from '#live';
import { NetworkHttpModule } from '#network';
import { PlanningHttpModule } from '#planning';
import { StaffingHttpModule } from '#staffing';
import { WallboardHttpModule } from '#wallboard';
import { Draining } from './ops/draining.js';
import { HealthController } from './ops/health.controller.js';
import { MetricsController } from './ops/metrics.controller.js';

@Module({})
export class ApiModule {
  static with(config: AppConfig) {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config, { processJobs: !config.REDIS_URL || config.PROCESS_JOBS_IN_API }),
        IdentityModule,
        IdentityHttpModule,
        NetworkHttpModule,
        CampaignsHttpModule,
        LiveHttpModule,
        AlertsHttpModule,
        StaffingHttpModule,
        BillingHttpModule,
        PlanningHttpModule,
        WallboardHttpModule,
        DemoModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        Draining,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
      ],
    };
  }
}
