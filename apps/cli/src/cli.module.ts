import { Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '#config';
import { CoreModule } from '#core';
import { DbModule } from '#db';
import { DemoModule } from '#demo';
import { IdentityModule } from '#identity';
import { JobsModule } from '#jobs';
import { NetworkModule } from '#network';
import { RedisModule } from '#redis';

@Module({})
export class CliModule {
  static with(config: AppConfig) {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule,
        DbModule,
        RedisModule,
        JobsModule.forRoot({ processJobs: false }),
        IdentityModule,
        NetworkModule,
        DemoModule,
      ],
    };
  }
}
